using System.Text.Json.Nodes;
using TaskFunctions.Domain.Bpmn;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;
using ExecutionContext = TaskFunctions.Domain.Execution.ExecutionContext;
using UserTask = TaskFunctions.Domain.UserTasks.UserTask;

namespace TaskFunctions.Domain.Tests.Execution;

/// <summary>
/// An in-memory runtime for one instance: a manual clock, sequential keys and tokens, a timer table fed by the
/// effects, and the history. With <see cref="RoundTripEveryStep"/> the instance goes through its JSON rows after
/// every command, as the storage runtime does.
/// </summary>
internal sealed class ProcessHarness
{
    public static readonly DateTimeOffset Epoch = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private long _nextKey = 2251799813685248;
    private int _nextToken;

    public ProcessHarness(ProcessDefinition definition) => Definition = definition;

    public static ProcessHarness For(string fixture) => new(Load(fixture));

    // Definitions are immutable, so every test can share one parse per fixture.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ProcessDefinition> Parsed = new(StringComparer.Ordinal);

    public static ProcessDefinition Load(string fixture) => Parsed.GetOrAdd(fixture, Parse);

    private static ProcessDefinition Parse(string fixture)
    {
        var result = BpmnParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Execution", "Fixtures", fixture)));
        Assert.True(result.IsSuccess, string.Join(Environment.NewLine, result.Problems));
        return Assert.Single(result.Processes);
    }

    public ProcessDefinition Definition { get; }

    public ProcessInstance? Instance { get; private set; }

    public DateTimeOffset Now { get; set; } = Epoch;

    public bool RoundTripEveryStep { get; init; }

    /// <summary>The timers the runtime holds, by id, as the effects left them.</summary>
    public SortedDictionary<string, ScheduleTimer> Timers { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<long, JobCreated> ActivatableJobs { get; } = [];

    public List<ProcessEvent> History { get; } = [];

    public List<ExecutionEffect> Effects { get; } = [];

    public ProcessInstanceState State => Instance!.State;

    public JsonObject Variables => State.Variables[State.ProcessInstanceKey];

    public ExecutionResult Start(JsonObject? variables = null) => Send(new StartInstance(variables));

    public ExecutionResult Send(ProcessCommand command, Caller? caller = null)
    {
        var result = TrySend(command, caller);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result;
    }

    public ExecutionResult TrySend(ProcessCommand command, Caller? caller = null)
    {
        var result = ProcessInterpreter.Execute(Definition, Instance, command, Context(caller));
        if (!result.IsSuccess)
        {
            return result;
        }

        Instance = RoundTripEveryStep ? RoundTrip(result.Instance!) : result.Instance;
        History.AddRange(result.Events);
        Effects.AddRange(result.Effects);
        foreach (var effect in result.Effects)
        {
            switch (effect)
            {
                case ScheduleTimer schedule:
                    Timers[schedule.TimerId] = schedule;
                    break;
                case CancelTimer cancel:
                    Timers.Remove(cancel.TimerId);
                    break;
                case JobCreated created:
                    ActivatableJobs[created.JobKey] = created;
                    break;
                case JobCanceled canceled:
                    ActivatableJobs.Remove(canceled.JobKey);
                    break;
            }
        }

        return result;
    }

    public ExecutionContext Context(Caller? caller = null) => new()
    {
        Now = Now,
        Caller = caller ?? Caller.System,
        Keys = new Keys(this),
        NewToken = () => $"token-{++_nextToken}",
        ProcessDefinitionKey = 2251799813685001,
        ProcessDefinitionVersion = 1,
    };

    /// <summary>Moves the clock and fires every timer due by then, earliest first (as the timer scanner would).</summary>
    public void Advance(TimeSpan by)
    {
        var until = Now + by;
        while (Timers.Values.Where(t => t.DueAt <= until).OrderBy(t => t.DueAt).ThenBy(t => t.TimerId, StringComparer.Ordinal).FirstOrDefault() is { } due)
        {
            Timers.Remove(due.TimerId);
            Now = due.DueAt > Now ? due.DueAt : Now;
            Send(new TimerFired(due.TimerId, due.Token));
        }

        Now = until;
    }

    public UserTask OpenTask(string elementId) =>
        Assert.Single(Instance!.UserTasks.Values, t => t.ElementId == elementId && t.State == UserTaskState.Created);

    public IEnumerable<UserTask> OpenTasks(string elementId) =>
        Instance!.UserTasks.Values.Where(t => t.ElementId == elementId && t.State == UserTaskState.Created).OrderBy(t => t.UserTaskKey);

    public ExecutionResult CompleteTask(string elementId, JsonObject? variables = null) =>
        Send(new UserTaskCommandEnvelope(OpenTask(elementId).UserTaskKey, new UserTaskCommand.Complete(variables)));

    public Job ActiveJob(string elementId) =>
        Assert.Single(Instance!.Jobs.Values, j => j.ElementId == elementId && j.State == JobState.Activatable);

    public IEnumerable<string> ActiveElementIds() =>
        State.ElementInstances.Where(e => e.FlowScopeKey is not null).Select(e => e.ElementId);

    public static ProcessInstance RoundTrip(ProcessInstance instance)
    {
        var state = ProcessInstanceJson.Serialize(instance.State);
        var loaded = ProcessInstanceJson.Load(
            state,
            instance.UserTasks.Values.Select(ProcessInstanceJson.Serialize),
            instance.Jobs.Values.Select(ProcessInstanceJson.Serialize));
        Assert.Equal(state, ProcessInstanceJson.Serialize(loaded.State));
        return loaded;
    }

    private sealed class Keys(ProcessHarness harness) : IKeyGenerator
    {
        public long NextKey() => ++harness._nextKey;
    }
}
