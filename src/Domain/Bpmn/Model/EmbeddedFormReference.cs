namespace TaskFunctions.Domain.Bpmn;

/// <summary>A form embedded in the process, referenced as <c>camunda-forms:bpmn:&lt;id&gt;</c>.</summary>
public sealed record EmbeddedFormReference(string FormKey, EmbeddedForm Form) : FormReference
{
    public const string KeyPrefix = "camunda-forms:bpmn:";
}
