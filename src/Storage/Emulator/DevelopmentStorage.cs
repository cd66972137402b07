namespace TaskFunctions.Storage.Emulator;

/// <summary>The well-known development account that Azurite serves, and connection strings for it.</summary>
public static class DevelopmentStorage
{
    /// <summary>The setting value that means "the local emulator on its default ports".</summary>
    public const string ShortcutConnectionString = "UseDevelopmentStorage=true";

    public const string AccountName = "devstoreaccount1";

    // Published by Microsoft for the emulator; it protects nothing.
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public const string LoopbackHost = "127.0.0.1";

    public const int DefaultTablePort = 10002;

    /// <summary>The Table endpoint Azurite serves on <paramref name="port"/> (path style: the account is in the path).</summary>
    public static Uri TableEndpoint(int port, string host = LoopbackHost) => new($"http://{host}:{port}/{AccountName}");

    /// <summary>A full connection string for Azurite's Table service on <paramref name="port"/>.</summary>
    public static string ConnectionString(int port, string host = LoopbackHost) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={TableEndpoint(port, host)};";
}
