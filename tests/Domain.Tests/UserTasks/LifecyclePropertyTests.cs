using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using TaskFunctions.Domain.UserTasks;
using static TaskFunctions.Domain.UserTasks.UserTaskCommand;

namespace TaskFunctions.Domain.Tests.UserTasks;

/// <summary>
/// Random command sequences from several callers against tasks with different candidate configurations. The runtime
/// is modelled honestly: it knows every user's groups (a directory) and passes them with assignments.
/// </summary>
public class LifecyclePropertyTests
{
    private static readonly Dictionary<string, string[]> Directory = new(StringComparer.Ordinal)
    {
        ["alice"] = [],
        ["bob"] = [],
        ["carol"] = ["sales"],
        ["dave"] = [],
        ["erin"] = ["hr"],
        ["mallory"] = ["other"],
        ["root"] = [],
    };

    private static readonly Caller[] Callers =
    [
        .. Directory.Where(u => u.Key != "root").Select(u => Caller.User(u.Key, u.Value)),
        Caller.Admin("root"),
        Caller.Anonymous,
        Caller.System,
    ];

    private static readonly UserTask[] Templates =
    [
        Tasks.Open() with { ExpectedOutputs = ["approved"] },
        Tasks.Open() with { CandidateUsers = [], CandidateGroups = [], InitialAssignee = "dave", Assignee = "dave" },
        Tasks.Open() with { CandidateUsers = [], CandidateGroups = [] },
        Tasks.Open() with { CandidateUsers = [], CandidateGroups = ["sales", "hr"] },
    ];

    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void RandomSequence_AnyCommands_AtMostOneTerminalTransitionAndTerminalIsFinal()
    {
        Check(trace =>
        {
            Assert.True(trace.Count(s => s.Before.IsOpen && !s.After.IsOpen) <= 1);
            foreach (var step in trace.Where(s => !s.Before.IsOpen))
                Assert.Equal(step.Before.State, step.After.State);
        });
    }

    [Fact]
    public void RandomSequence_AnyCommands_AssigneeAlwaysEligible()
    {
        Check(trace =>
        {
            foreach (var step in trace.Where(s => s.After.Assignee is not null))
            {
                var assignee = step.After.Assignee!;
                Assert.True(UserTaskEligibility.IsEligible(step.After, assignee, Directory[assignee]),
                    $"'{assignee}' is not eligible after {step.Command} by {step.Caller.Actor}");
            }
        });
    }

    [Fact]
    public void RandomSequence_RejectedCommands_ChangeNothing()
    {
        Check(trace =>
        {
            foreach (var step in trace.Where(s => !s.Result.IsSuccess))
            {
                Assert.Same(step.Before, step.After);
                Assert.Equal(step.BeforeJson, UserTaskJson.Serialize(step.Before));
                Assert.Empty(step.Result.Events);
                Assert.Empty(step.Result.Outcomes);
            }
        });
    }

    [Fact]
    public void RandomSequence_Completes_RejectedMergeNothingAcceptedMergeExactlyTheVariables()
    {
        Check(trace =>
        {
            foreach (var step in trace.Where(s => s.Command is Complete))
            {
                var command = (Complete)step.Command;
                if (!step.Result.IsSuccess || !step.Result.Changed)
                {
                    Assert.Same(step.Before, step.After);
                    Assert.DoesNotContain(step.Result.Outcomes, o => o is UserTaskOutcome.Completed);
                    continue;
                }

                var completed = Assert.IsType<UserTaskOutcome.Completed>(Assert.Single(step.Result.Outcomes));
                Assert.Equal((command.Variables ?? []).ToJsonString(), completed.Variables.ToJsonString());
                Assert.All(step.Before.ExpectedOutputs, name => Assert.True(RequiredVariables.IsPresent(completed.Variables, name)));
            }
        });
    }

    [Fact]
    public void RandomSequence_AnyCommands_VersionGrowsByOneExactlyWhenTaskChanges()
    {
        Check(trace =>
        {
            foreach (var step in trace)
            {
                var changed = step.BeforeJson != UserTaskJson.Serialize(step.After);
                Assert.Equal(changed, step.Result.Changed);
                Assert.Equal(step.Before.Version + (changed ? 1 : 0), step.After.Version);
                Assert.Equal(changed, step.Result.Events.Count > 0);
                if (!changed)
                    Assert.Same(step.Before, step.After);
            }
        });
    }

    [Fact]
    public void RandomSequence_StaleTimerTokens_NeverChangeAnything()
    {
        Check(trace =>
        {
            foreach (var step in trace.Where(s => s.Command is MarkOverdue or MarkFollowUpDue))
            {
                var token = step.Command is MarkOverdue overdue ? overdue.Token : ((MarkFollowUpDue)step.Command).Token;
                var current = step.Command is MarkOverdue ? step.Before.DueDateTimerToken : step.Before.FollowUpTimerToken;
                if (token != current || !step.Before.IsOpen)
                {
                    Assert.True(step.Result.IsSuccess || step.Result.Error!.Kind == DomainErrorKind.Forbidden);
                    Assert.Same(step.Before, step.After);
                }
            }
        });
    }

    [Fact]
    public void RandomSequence_Outcomes_MatchTheTransition()
    {
        Check(trace =>
        {
            foreach (var step in trace)
            {
                var ended = step.Before.IsOpen && !step.After.IsOpen;
                var terminalOutcomes = step.Result.Outcomes.Count(o => o is UserTaskOutcome.Completed or UserTaskOutcome.Failed or UserTaskOutcome.Canceled);
                Assert.Equal(ended ? 1 : 0, terminalOutcomes);
                foreach (var rescheduled in step.Result.Outcomes.OfType<UserTaskOutcome.DueDateChanged>())
                    Assert.Equal(step.After.DueDateTimerToken, rescheduled.TimerToken);
            }
        });
    }

    [Fact]
    public void Generator_Sample_ReachesEveryEventKindAndError()
    {
        // A fixed seed: this checks the generator's reach, which must not depend on the run.
        var traces = Scenarios().Sample(40, new FsCheck.Rnd(20261123UL, 1UL), 400).Select(Run).ToList();

        var kinds = traces.SelectMany(t => t.SelectMany(s => s.Result.Events)).Select(e => e.Kind).ToHashSet();
        var errors = traces.SelectMany(t => t.Where(s => !s.Result.IsSuccess)).Select(s => s.Result.Error!.Kind).ToHashSet();
        Assert.Equal(Enum.GetValues<UserTaskEventKind>().Where(k => k != UserTaskEventKind.Created).Order(), kinds.Order());
        Assert.Equal(Enum.GetValues<DomainErrorKind>().Where(k => k != DomainErrorKind.NotFound).Order(), errors.Order());
    }

    private static Gen<Scenario> Scenarios() => Gen.Elements(Templates).SelectMany(
        template => Gen.ListOf(Planned(), 40).Select(steps => new Scenario(template, [.. steps])));

    private static void Check(Action<IReadOnlyList<Step>> property)
    {
        FsCheck.Check.One(Config, Prop.ForAll(Scenarios().ToArbitrary(), scenario =>
        {
            property(Run(scenario));
            return true;
        }));
    }

    private static List<Step> Run(Scenario scenario)
    {
        var trace = new List<Step>();
        var task = scenario.Template;
        var tokens = Tasks.Tokens("timer");
        var now = Tasks.Now;
        foreach (var planned in scenario.Steps)
        {
            now = now.AddMinutes(1);
            var command = planned.Build(task);
            var before = UserTaskJson.Serialize(task);
            var result = UserTaskLifecycle.Apply(task, command, planned.Caller, now, tokens);
            var after = result.IsSuccess ? result.Task : task;
            trace.Add(new Step(task, before, planned.Caller, command, result, after));
            task = after;
        }

        return trace;
    }

    private static Gen<PlannedStep> Planned() =>
        Gen.Elements(Callers).SelectMany(caller => Command().Select(build => new PlannedStep(caller, build)));

    private static Gen<Func<UserTask, UserTaskCommand>> Command()
    {
        var users = Directory.Keys.ToArray();
        var assign = Gen.Elements(users).SelectMany(user => Gen.Elements<bool?>(null, true, false).Select(
            overrides => Fixed(new Assign(user, overrides, Directory[user]))));
        var update = Changeset().Select(changes => Fixed(new Update(changes)));
        var complete = Gen.Elements(
            Fixed(new Complete(new JsonObject { ["approved"] = true })),
            Fixed(new Complete(new JsonObject { ["approved"] = null })),
            Fixed(new Complete()),
            Fixed(new Complete(new JsonObject { ["approved"] = false, ["comment"] = "ok" }, ["comment"])),
            Fixed(new Complete(new JsonObject { ["approved"] = false }, ["comment"])));
        var timers = Gen.Elements<Func<UserTask, UserTaskCommand>>(
            task => new MarkOverdue(task.DueDateTimerToken ?? "none"),
            task => new MarkFollowUpDue(task.FollowUpTimerToken ?? "none"),
            _ => new MarkOverdue(Tasks.DueToken),
            _ => new MarkFollowUpDue("stale"));
        return Gen.Frequency(
            (4, assign),
            (3, Gen.Constant(Fixed(new Claim()))),
            (2, Gen.Elements(Fixed(new Unassign()), Fixed(new Unclaim()))),
            (3, update),
            (2, complete),
            (1, Gen.Elements(Fixed(new Fail("E1", "broken")), Fixed(new Fail(null, "broken again")), Fixed(new Cancel("gone")), Fixed(new Cancel()))),
            (3, timers));
    }

    private static Gen<UserTaskChangeset> Changeset()
    {
        var priority = Gen.Frequency((2, Gen.Constant(FieldUpdate<int>.Keep)), (1, Gen.Choose(0, 100).Select(FieldUpdate<int>.Set)));
        var users = Gen.Frequency(
            (2, Gen.Constant(FieldUpdate<IReadOnlyList<string>>.Keep)),
            (1, Gen.SubListOf(Directory.Keys.ToArray()).Select(l => FieldUpdate<IReadOnlyList<string>>.Set([.. l]))));
        var groups = Gen.Frequency(
            (2, Gen.Constant(FieldUpdate<IReadOnlyList<string>>.Keep)),
            (1, Gen.SubListOf("sales", "hr", "other").Select(l => FieldUpdate<IReadOnlyList<string>>.Set([.. l]))));
        var due = Gen.Frequency(
            (2, Gen.Constant(FieldUpdate<DateTimeOffset>.Keep)),
            (1, Gen.Constant(FieldUpdate<DateTimeOffset>.Clear)),
            (1, Gen.Choose(1, 48).Select(h => FieldUpdate<DateTimeOffset>.Set(Tasks.Due.AddHours(h)))));
        var followUp = Gen.Frequency(
            (3, Gen.Constant(FieldUpdate<DateTimeOffset>.Keep)),
            (1, Gen.Choose(1, 48).Select(h => FieldUpdate<DateTimeOffset>.Set(Tasks.FollowUp.AddHours(h)))));
        return priority.SelectMany(p => users.SelectMany(u => groups.SelectMany(g => due.SelectMany(d => followUp.Select(f => new UserTaskChangeset
        {
            Priority = p,
            CandidateUsers = u,
            CandidateGroups = g,
            DueDate = d,
            FollowUpDate = f,
        })))));
    }

    private static Func<UserTask, UserTaskCommand> Fixed(UserTaskCommand command) => _ => command;

    private sealed record PlannedStep(Caller Caller, Func<UserTask, UserTaskCommand> Build)
    {
        public override string ToString() => $"{Caller.Actor}: {Build(Tasks.Open())}";
    }

    private sealed record Scenario(UserTask Template, IReadOnlyList<PlannedStep> Steps)
    {
        public override string ToString() => $"{Template.CandidateUsers.Count}u/{Template.CandidateGroups.Count}g/{Template.InitialAssignee}: {string.Join("; ", Steps)}";
    }

    private sealed record Step(UserTask Before, string BeforeJson, Caller Caller, UserTaskCommand Command, UserTaskCommandResult Result, UserTask After);
}
