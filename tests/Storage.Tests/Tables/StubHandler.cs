using System.Net;

namespace TaskFunctions.Storage.Tests.Tables;

/// <summary>
/// An HTTP handler that answers from a script and records what was sent: for the few pipeline unit tests (retries,
/// signing, bearer tokens) that must see exact requests or provoke failures. Storage behaviour is tested on Azurite.
/// </summary>
internal sealed class StubHandler(params HttpStatusCode[] statuses) : HttpMessageHandler
{
    private readonly Queue<HttpStatusCode> _statuses = new(statuses);
    private readonly List<HttpRequestMessage> _requests = [];

    public IReadOnlyList<HttpRequestMessage> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpStatusCode status;
        lock (_requests)
        {
            _requests.Add(request);
            status = _statuses.Count > 1 ? _statuses.Dequeue() : _statuses.Peek();
        }

        var response = new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent("{\"value\":[]}") };
        return Task.FromResult(response);
    }
}
