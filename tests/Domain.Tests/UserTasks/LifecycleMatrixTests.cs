using TaskFunctions.Domain.UserTasks;
using static TaskFunctions.Domain.UserTasks.UserTaskCommand;

namespace TaskFunctions.Domain.Tests.UserTasks;

/// <summary>
/// Every (state × command × caller) cell of the lifecycle, written as one grid per command. The task has candidate
/// users alice, bob and dave and the candidate group sales. Callers: alice (candidate; the holder in "mine"),
/// carol (eligible through the group, never holds the task), mallory (not eligible), root (administrator, not a
/// candidate), anonymous (trusted, no identity) and the engine. States: unassigned, assigned to alice ("mine"),
/// assigned to bob ("other"), and the three ended states.
/// Cells: ok = changed, noop = accepted without change, 400 = Validation, 403 = Forbidden, 409s = InvalidState,
/// 409c = Conflict, 409e = NotEligible.
/// </summary>
public class LifecycleMatrixTests
{
    private static readonly string[] CallerColumns = ["alice", "carol", "mallory", "root", "anonymous", "system"];

    private static readonly Dictionary<string, (UserTaskCommand Command, string Grid)> Grids = new()
    {
        ["assign dave"] = (new Assign("dave"), """
            unassigned  403   403   403   ok    ok    ok
            mine        ok    403   403   ok    ok    ok
            other       403   403   403   ok    ok    ok
            completed   409s  409s  409s  409s  409s  409s
            canceled    409s  409s  409s  409s  409s  409s
            failed      409s  409s  409s  409s  409s  409s
            """),
        ["assign dave, no override"] = (new Assign("dave", AllowOverride: false), """
            unassigned  403   403   403   ok    ok    ok
            mine        409c  403   403   409c  409c  409c
            other       403   403   403   409c  409c  409c
            completed   409s  409s  409s  409s  409s  409s
            canceled    409s  409s  409s  409s  409s  409s
            failed      409s  409s  409s  409s  409s  409s
            """),
        ["assign alice"] = (new Assign("alice"), """
            unassigned  ok    403   403   ok    ok    ok
            mine        noop  403   403   noop  noop  noop
            other       409c  403   403   ok    ok    ok
            completed   409s  409s  409s  409s  409s  409s
            canceled    409s  409s  409s  409s  409s  409s
            failed      409s  409s  409s  409s  409s  409s
            """),
        ["assign mallory"] = (new Assign("mallory", AssigneeGroups: ["other"]), """
            unassigned  403   403   409e  409e  409e  409e
            mine        409e  403   409e  409e  409e  409e
            other       403   403   409e  409e  409e  409e
            completed   409s  409s  409s  409s  409s  409s
            canceled    409s  409s  409s  409s  409s  409s
            failed      409s  409s  409s  409s  409s  409s
            """),
        ["claim"] = (new Claim(), """
            unassigned  ok    ok    409e  409e  400   400
            mine        noop  409c  409e  409e  400   400
            other       409c  409c  409e  409e  400   400
            completed   409s  409s  409s  409s  400   400
            canceled    409s  409s  409s  409s  400   400
            failed      409s  409s  409s  409s  400   400
            """),
        ["unassign"] = (new Unassign(), """
            unassigned  noop  noop  noop  noop  noop  noop
            mine        ok    403   403   ok    ok    ok
            other       403   403   403   ok    ok    ok
            completed   409s  409s  409s  409s  409s  409s
            canceled    409s  409s  409s  409s  409s  409s
            failed      409s  409s  409s  409s  409s  409s
            """),
        ["unclaim"] = (new Unclaim(), """
            unassigned  noop  noop  noop  noop  noop  noop
            mine        ok    403   403   ok    ok    ok
            other       403   403   403   ok    ok    ok
            completed   409s  409s  409s  409s  409s  409s
            canceled    409s  409s  409s  409s  409s  409s
            failed      409s  409s  409s  409s  409s  409s
            """),
        ["update priority"] = (new Update(new UserTaskChangeset { Priority = FieldUpdate<int>.Set(80) }), """
            unassigned  403   403   403   ok    ok    ok
            mine        ok    403   403   ok    ok    ok
            other       403   403   403   ok    ok    ok
            completed   409s  409s  409s  409s  409s  409s
            canceled    409s  409s  409s  409s  409s  409s
            failed      409s  409s  409s  409s  409s  409s
            """),
        ["complete"] = (new Complete(), """
            unassigned  409c  409c  409c  ok    ok    ok
            mine        ok    409c  409c  ok    ok    ok
            other       409c  409c  409c  ok    ok    ok
            completed   409s  409s  409s  409s  409s  409s
            canceled    409s  409s  409s  409s  409s  409s
            failed      409s  409s  409s  409s  409s  409s
            """),
        ["fail"] = (new Fail("REJECTED", "the invoice is a duplicate"), """
            unassigned  409c  409c  409c  ok    ok    ok
            mine        ok    409c  409c  ok    ok    ok
            other       409c  409c  409c  ok    ok    ok
            completed   409s  409s  409s  409s  409s  409s
            canceled    409s  409s  409s  409s  409s  409s
            failed      noop  noop  noop  noop  noop  noop
            """),
        ["cancel"] = (new Cancel("superseded"), """
            unassigned  409c  409c  409c  ok    ok    ok
            mine        ok    409c  409c  ok    ok    ok
            other       409c  409c  409c  ok    ok    ok
            completed   409s  409s  409s  409s  409s  409s
            canceled    noop  noop  noop  noop  noop  noop
            failed      409s  409s  409s  409s  409s  409s
            """),
        ["overdue timer"] = (new MarkOverdue(Tasks.DueToken), """
            unassigned  403   403   403   403   403   ok
            mine        403   403   403   403   403   ok
            other       403   403   403   403   403   ok
            completed   403   403   403   403   403   noop
            canceled    403   403   403   403   403   noop
            failed      403   403   403   403   403   noop
            """),
        ["stale overdue timer"] = (new MarkOverdue("due-0"), """
            unassigned  403   403   403   403   403   noop
            mine        403   403   403   403   403   noop
            other       403   403   403   403   403   noop
            completed   403   403   403   403   403   noop
            canceled    403   403   403   403   403   noop
            failed      403   403   403   403   403   noop
            """),
        ["follow-up timer"] = (new MarkFollowUpDue(Tasks.FollowUpToken), """
            unassigned  403   403   403   403   403   ok
            mine        403   403   403   403   403   ok
            other       403   403   403   403   403   ok
            completed   403   403   403   403   403   noop
            canceled    403   403   403   403   403   noop
            failed      403   403   403   403   403   noop
            """),
        ["stale follow-up timer"] = (new MarkFollowUpDue("follow-up-0"), """
            unassigned  403   403   403   403   403   noop
            mine        403   403   403   403   403   noop
            other       403   403   403   403   403   noop
            completed   403   403   403   403   403   noop
            canceled    403   403   403   403   403   noop
            failed      403   403   403   403   403   noop
            """),
    };

    public static TheoryData<string, string, string, string> Cells()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var (command, (_, grid)) in Grids)
        {
            foreach (var line in grid.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(CallerColumns.Length + 1, cells.Length);
                for (var i = 0; i < CallerColumns.Length; i++)
                    data.Add(command, cells[0], CallerColumns[i], cells[i + 1]);
            }
        }

        return data;
    }

    [Fact]
    public void Grids_CoverEveryOperationAndState_SixRowsEach()
    {
        var operations = Grids.Values.Select(g => g.Command.Operation).Distinct();
        Assert.Equal(Enum.GetValues<UserTaskOperation>().Order(), operations.Order());
        Assert.Equal(Grids.Count * 6 * CallerColumns.Length, Cells().Count);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Apply_StateCommandCaller_MatchesGrid(string command, string state, string caller, string expected)
    {
        var task = TaskIn(state);
        var before = UserTaskJson.Serialize(task);

        var result = UserTaskLifecycle.Apply(task, Grids[command].Command, CallerNamed(caller), Tasks.Now, Tasks.Tokens());

        Assert.Equal(before, UserTaskJson.Serialize(task));
        switch (expected)
        {
            case "ok":
                var changed = Tasks.Succeeds(result);
                Assert.True(result.Changed);
                Assert.Equal(task.Version + 1, changed.Version);
                Assert.NotEmpty(result.Events);
                Assert.All(result.Events, e => Assert.Equal(CallerNamed(caller).Actor, e.Actor));
                Assert.All(result.Events, e => Assert.Equal(changed.Version, e.Version));
                Assert.NotEqual(before, UserTaskJson.Serialize(changed));
                break;
            case "noop":
                Assert.Same(task, Tasks.Succeeds(result));
                Assert.False(result.Changed);
                Assert.Empty(result.Events);
                Assert.Empty(result.Outcomes);
                break;
            default:
                Tasks.Fails(result, expected switch
                {
                    "400" => DomainErrorKind.Validation,
                    "403" => DomainErrorKind.Forbidden,
                    "409s" => DomainErrorKind.InvalidState,
                    "409c" => DomainErrorKind.Conflict,
                    "409e" => DomainErrorKind.NotEligible,
                    _ => throw new ArgumentException($"Unknown cell '{expected}'."),
                });
                break;
        }
    }

    private static UserTask TaskIn(string state) => state switch
    {
        "unassigned" => Tasks.Open(),
        "mine" => Tasks.Open("alice"),
        "other" => Tasks.Open("bob"),
        "completed" => Tasks.Ended(UserTaskState.Completed),
        "canceled" => Tasks.Ended(UserTaskState.Canceled),
        "failed" => Tasks.Ended(UserTaskState.Failed),
        _ => throw new ArgumentException($"Unknown state '{state}'."),
    };

    private static Caller CallerNamed(string name) => name switch
    {
        "alice" => Tasks.Alice,
        "carol" => Tasks.Carol,
        "mallory" => Tasks.Mallory,
        "root" => Tasks.Root,
        "anonymous" => Caller.Anonymous,
        "system" => Caller.System,
        _ => throw new ArgumentException($"Unknown caller '{name}'."),
    };
}
