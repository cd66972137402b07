namespace TaskFunctions.Storage.Definitions;

/// <summary>
/// One file of a deployment. The name decides what it is: <c>.bpmn</c> or <c>.bpmn20.xml</c> is a BPMN file,
/// <c>.form</c> a Camunda Form; the content is UTF-8.
/// </summary>
public sealed record DeploymentResource(string Name, byte[] Content);
