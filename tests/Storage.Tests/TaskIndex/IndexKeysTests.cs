using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.TaskIndex;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Tests.TaskIndex;

public sealed class IndexKeysTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("o'brien")]
    [InlineData("a|b/c\\d#e?f%g")]
    [InlineData("漢字 ü é")]
    [InlineData("tab\there\u007f")]
    [InlineData("%7C")]
    public void Escape_AnyValue_IsAValidKeyAndRoundTrips(string value)
    {
        var escaped = IndexKeys.Escape(value);

        Assert.True(TableKeys.IsValid(escaped));
        Assert.DoesNotContain('|', escaped);
        Assert.Equal(value, IndexKeys.Unescape(escaped));
    }

    [Fact]
    public void Escape_VeryLongValues_AreHashedDistinctly()
    {
        var a = IndexKeys.Escape(new string('a', 300));
        var b = IndexKeys.Escape(new string('a', 299) + "b");

        Assert.StartsWith("%~", a, StringComparison.Ordinal);
        Assert.NotEqual(a, b);
        Assert.True(a.Length < 50);
    }

    [Fact]
    public void RowKeys_DescendingRows_AreTheAscendingOrderReversedWithMissingValuesLast()
    {
        var tasks = new[]
        {
            TaskIndexTesting.NewTask(1, t => t with { DueDate = null }),
            TaskIndexTesting.NewTask(2, t => t with { DueDate = TaskIndexTesting.Epoch }),
            TaskIndexTesting.NewTask(3, t => t with { DueDate = TaskIndexTesting.Epoch }),
            TaskIndexTesting.NewTask(4, t => t with { DueDate = TaskIndexTesting.Epoch.AddDays(-1) }),
            TaskIndexTesting.NewTask(5, t => t with { DueDate = null }),
        };

        long[] Order(bool descending) => [.. tasks
            .OrderBy(t => SortKeys.RowKey(SortPosition.Of(t, UserTaskSortField.DueDate), descending), StringComparer.Ordinal)
            .Select(t => t.UserTaskKey)];

        Assert.Equal([4L, 2, 3, 1, 5], Order(descending: false));
        Assert.Equal([3L, 2, 4, 5, 1], Order(descending: true));
    }

    [Fact]
    public void Partition_ShardedDimension_UsesTheKeyModuloTheShardCount()
    {
        var pk = IndexKeys.Partition("t|1", UserTaskState.Created, IndexDimension.CandidateGroup, "a/b", 10);

        Assert.Equal("t%7C1|created|group|a%2Fb|2", pk);
    }
}
