using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Storage.Runtime;

/// <summary>The parsed model of a deployed process definition, by its key (deployed definitions never change).</summary>
public interface IProcessDefinitionSource
{
    /// <summary>The model, or null when no definition has that key.</summary>
    Task<ProcessDefinition?> GetModelAsync(long processDefinitionKey, CancellationToken cancellationToken);
}
