namespace TaskFunctions.Domain.Execution;

/// <summary>
/// The steps still to take in this command, first in first out. Tokens waiting here still count as tokens of their
/// scope, so a scope never completes while a token is on its way to one of its elements.
/// </summary>
internal sealed class Agenda
{
    private readonly LinkedList<AgendaItem> _items = new();

    public void Enqueue(AgendaItem item) => _items.AddLast(item);

    public bool TryDequeue(out AgendaItem item)
    {
        if (_items.First is { } first)
        {
            item = first.Value;
            _items.RemoveFirst();
            return true;
        }

        item = null!;
        return false;
    }

    public bool HasActivationIn(long flowScopeKey) =>
        _items.Any(i => i is ActivateElement a && a.FlowScopeKey == flowScopeKey);

    public IEnumerable<string> PendingElementIdsIn(long flowScopeKey) =>
        _items.OfType<ActivateElement>().Where(a => a.FlowScopeKey == flowScopeKey).Select(a => a.ElementId);

    /// <summary>Drops the tokens on their way into a scope whose elements are being terminated.</summary>
    public void RemoveActivationsIn(long flowScopeKey)
    {
        var node = _items.First;
        while (node is not null)
        {
            var next = node.Next;
            if (node.Value is ActivateElement a && a.FlowScopeKey == flowScopeKey)
            {
                _items.Remove(node);
            }

            node = next;
        }
    }

    public void Clear() => _items.Clear();
}
