using System.Net;

namespace TaskFunctions.Storage.Tests.Tables;

/// <summary>
/// An HTTP handler that answers from a script and records what was sent: for the few pipeline unit tests (retries,
/// signing, bearer tokens) that must see exact requests or provoke failures. Storage behaviour is tested on Azurite.
/// </summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly Queue<HttpStatusCode> _statuses;
    private readonly Func<int, HttpResponseMessage>? _respond;
    private readonly List<HttpRequestMessage> _requests = [];

    /// <summary>Answers with these statuses in turn (the last one repeats) and an empty listing.</summary>
    public StubHandler(params HttpStatusCode[] statuses) => _statuses = new(statuses);

    /// <summary>Answers the n-th request (from 0) with whatever <paramref name="respond"/> builds.</summary>
    public StubHandler(Func<int, HttpResponseMessage> respond)
    {
        _statuses = new([HttpStatusCode.OK]);
        _respond = respond;
    }

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
        int index;
        lock (_requests)
        {
            _requests.Add(request);
            index = _requests.Count - 1;
            status = _statuses.Count > 1 ? _statuses.Dequeue() : _statuses.Peek();
        }

        if (_respond is not null)
        {
            var scripted = _respond(index);
            scripted.RequestMessage = request;
            return Task.FromResult(scripted);
        }

        var response = new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent("{\"value\":[]}") };
        return Task.FromResult(response);
    }
}
