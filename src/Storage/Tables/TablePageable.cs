using System.Runtime.CompilerServices;
using Azure;

namespace TaskFunctions.Storage.Tables;

/// <summary>
/// Pages through a Table service listing by following its continuation token until there is none. A page may be
/// empty and still continue (the service stops at time and partition boundaries), so emptiness never ends the loop.
/// </summary>
internal sealed class TablePageable<T>(Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage, CancellationToken cancellationToken)
    : AsyncPageable<T>(cancellationToken)
    where T : notnull
{
    public override IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null) =>
        Pages(continuationToken, pageSizeHint, CancellationToken);

    private async IAsyncEnumerable<Page<T>> Pages(string? continuationToken, int? pageSizeHint, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        do
        {
            var page = await fetchPage(continuationToken, pageSizeHint, cancellationToken).ConfigureAwait(false);
            yield return page;
            continuationToken = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuationToken));
    }
}
