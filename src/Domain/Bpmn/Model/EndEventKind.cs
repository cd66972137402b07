namespace TaskFunctions.Domain.Bpmn;

/// <summary>What happens when a token reaches an end event.</summary>
public enum EndEventKind
{
    /// <summary>The token is consumed; the scope completes when no token is left.</summary>
    None,

    /// <summary>A BPMN error is thrown, to be caught by an error boundary event of an enclosing activity.</summary>
    Error,

    /// <summary>Every token of the enclosing scope is ended.</summary>
    Terminate,
}
