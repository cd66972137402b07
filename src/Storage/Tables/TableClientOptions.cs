using Azure.Core;

namespace TaskFunctions.Storage.Tables;

/// <summary>
/// Pipeline options for the Table clients. Retries use Azure.Core's exponential back-off, which retries
/// 408, 429, 500, 502, 503, 504 and network failures.
/// </summary>
public sealed class TableClientOptions : ClientOptions
{
    public TableClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 4;
        Retry.Delay = TimeSpan.FromSeconds(0.2);
        Retry.MaxDelay = TimeSpan.FromSeconds(10);
        // The service gives up on a request after 30 s; waiting longer only delays the retry.
        Retry.NetworkTimeout = TimeSpan.FromSeconds(35);
    }

    /// <summary>The clock the request signature's x-ms-date comes from.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
