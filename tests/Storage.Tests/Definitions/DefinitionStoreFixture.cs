using TaskFunctions.Domain.Execution;
using TaskFunctions.Storage.Definitions;
using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Definitions;

/// <summary>A hub of its own with its tables created, and a store over it, for one test.</summary>
internal sealed class DefinitionStoreFixture
{
    private DefinitionStoreFixture(TaskHub hub)
    {
        Hub = hub;
        Store = NewStore();
    }

    public TaskHub Hub { get; }

    public SequentialKeys Keys { get; } = new();

    public ManualTimeProvider Clock { get; } = new();

    public DefinitionStore Store { get; }

    public static async Task<DefinitionStoreFixture> CreateAsync(AzuriteFixture azurite)
    {
        var hub = new TaskHub(new TableServiceClient(azurite.ConnectionString), "H" + Guid.NewGuid().ToString("N")[..10]);
        await hub.CreateTablesAsync();
        return new DefinitionStoreFixture(hub);
    }

    /// <summary>Another store over the same tables, with an empty cache: what a second host or a restart sees.</summary>
    public DefinitionStore NewStore() => new(Hub, Keys, Clock);

    public async Task<List<TableEntity>> AllRowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Hub.Definitions.QueryAsync(TableFilter.All))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Keys 1000, 1001, …, safe to call from parallel deployments.</summary>
    public sealed class SequentialKeys : IKeyGenerator
    {
        private long _next = 999;

        public long NextKey() => Interlocked.Increment(ref _next);
    }
}
