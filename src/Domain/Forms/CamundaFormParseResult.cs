namespace TaskFunctions.Domain.Forms;

/// <summary>The outcome of <see cref="CamundaForm.Parse"/>: a form, or why the schema was refused.</summary>
public sealed record CamundaFormParseResult(CamundaForm? Form, string? Error)
{
    public bool IsSuccess => Form is not null;
}
