namespace TaskFunctions.Storage.Runtime;

/// <summary>
/// A command changes more existing rows than one entity-group transaction can hold (new rows of any number are
/// staged ahead; changed existing rows must commit together with the instance row).
/// </summary>
public sealed class CommandTooLargeException(string message) : InvalidOperationException(message);
