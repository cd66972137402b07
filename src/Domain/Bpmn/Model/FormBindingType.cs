namespace TaskFunctions.Domain.Bpmn;

/// <summary>Which version of a linked form a user task uses.</summary>
public enum FormBindingType
{
    /// <summary>The latest deployed version when the task is activated (the default).</summary>
    Latest,

    /// <summary>The version deployed together with the process.</summary>
    Deployment,

    /// <summary>The latest version carrying <see cref="LinkedFormReference.VersionTag"/>.</summary>
    VersionTag,
}
