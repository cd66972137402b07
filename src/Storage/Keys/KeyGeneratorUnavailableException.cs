using TaskFunctions.Storage.Runtime;

namespace TaskFunctions.Storage.Keys;

/// <summary>
/// This host holds no valid key slot lease (it could not acquire one, or lost it and could not renew), so it must not
/// issue keys: another host may own the slot.
/// </summary>
public sealed class KeyGeneratorUnavailableException(string message, Exception? innerException = null)
    : StorageUnavailableException(message, innerException);
