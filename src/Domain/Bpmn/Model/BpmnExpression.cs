namespace TaskFunctions.Domain.Bpmn;

/// <summary>
/// A FEEL expression as written in the BPMN file (after the leading <c>=</c>), checked for syntax at deploy time.
/// </summary>
/// <param name="Source">The FEEL text without the leading <c>=</c>, as the interpreter will evaluate it.</param>
public sealed record BpmnExpression(string Source)
{
    /// <summary>The attribute text exactly as written, including the leading <c>=</c>.</summary>
    public string Text => "=" + Source;

    public override string ToString() => Text;
}
