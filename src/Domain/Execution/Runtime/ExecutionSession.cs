using System.Text.Json.Nodes;
using TaskFunctions.Domain.Bpmn;
using UserTask = TaskFunctions.Domain.UserTasks.UserTask;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// The working copy of one instance while a command runs: mutable, ordered collections copied from the immutable
/// state, plus the events and effects produced so far. Thrown away when the command is rejected.
/// </summary>
internal sealed class ExecutionSession
{
    private readonly ProcessInstanceState _original;
    private readonly List<ProcessEvent> _events = [];
    private readonly List<ExecutionEffect> _effects = [];
    private readonly SortedSet<long> _changedUserTasks = [];
    private readonly SortedSet<long> _changedJobs = [];
    private long _sequence;

    public ExecutionSession(ProcessDefinition definition, ProcessInstance instance, ExecutionContext context)
    {
        Definition = definition;
        Context = context;
        _original = instance.State;
        _sequence = instance.State.Sequence;
        Status = instance.State.Status;
        EndedAt = instance.State.EndedAt;
        Elements = new SortedDictionary<long, ElementInstance>(instance.State.ElementInstances.ToDictionary(e => e.Key));
        Variables = new SortedDictionary<long, JsonObject>(
            instance.State.Variables.ToDictionary(v => v.Key, v => (JsonObject)v.Value.DeepClone()));
        Incidents = new SortedDictionary<long, Incident>(instance.State.Incidents.ToDictionary(i => i.Key));
        Timers = new SortedDictionary<string, PendingTimer>(
            instance.State.Timers.ToDictionary(t => t.TimerId, StringComparer.Ordinal), StringComparer.Ordinal);
        UserTasks = new SortedDictionary<long, UserTask>(instance.UserTasks.ToDictionary());
        Jobs = new SortedDictionary<long, Job>(instance.Jobs.ToDictionary());
    }

    public ProcessDefinition Definition { get; }

    public ExecutionContext Context { get; }

    public DateTimeOffset Now => Context.Now;

    /// <summary>
    /// The one random source of this command (FEEL's <c>uuid()</c>, <c>random number()</c>): seeded from the
    /// instance, its history position and the time, so a replay draws the same values and two commands do not.
    /// </summary>
    public Random Random => _random ??= new Random(Seed(InstanceKey, _original.Sequence, Now.UtcTicks));

    private Random? _random;

    // A fixed mix (not HashCode, which is randomised per process).
    private static int Seed(long instanceKey, long sequence, long ticks)
    {
        var mixed = unchecked(((ulong)instanceKey * 0x9E3779B97F4A7C15UL) ^ ((ulong)sequence * 0xBF58476D1CE4E5B9UL) ^ (ulong)ticks);
        return unchecked((int)mixed ^ (int)(mixed >> 32));
    }

    public string Actor => Context.Caller.Actor;

    public long InstanceKey => _original.ProcessInstanceKey;

    public long ProcessDefinitionKey => _original.ProcessDefinitionKey;

    public int ProcessDefinitionVersion => _original.ProcessDefinitionVersion;

    public ProcessInstanceStatus Status { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public SortedDictionary<long, ElementInstance> Elements { get; }

    public SortedDictionary<long, JsonObject> Variables { get; }

    public SortedDictionary<long, Incident> Incidents { get; }

    public SortedDictionary<string, PendingTimer> Timers { get; }

    public SortedDictionary<long, UserTask> UserTasks { get; }

    public SortedDictionary<long, Job> Jobs { get; }

    public Agenda Agenda { get; } = new();

    /// <summary>Element activations in this command, bounded by <see cref="ExecutionContext.MaxElementActivations"/>.</summary>
    public int Activations { get; set; }

    public bool HasChanges => _events.Count > 0 || _effects.Count > 0;

    public long NextKey() => Context.Keys.NextKey();

    public string NextToken() => Context.NewToken();

    public FlowNode Node(ElementInstance element) => Definition.FlowNodes[element.ElementId];

    public ElementInstance Update(ElementInstance element)
    {
        Elements[element.Key] = element;
        return element;
    }

    public IEnumerable<ElementInstance> ChildrenOf(long scopeKey) =>
        Elements.Values.Where(e => e.FlowScopeKey == scopeKey).ToList();

    public void PutUserTask(UserTask task)
    {
        UserTasks[task.UserTaskKey] = task;
        _changedUserTasks.Add(task.UserTaskKey);
    }

    public void PutJob(Job job)
    {
        Jobs[job.JobKey] = job;
        _changedJobs.Add(job.JobKey);
    }

    public void AddEffect(ExecutionEffect effect) => _effects.Add(effect);

    public ProcessEvent Emit(
        ProcessEventType type,
        ElementInstance? element = null,
        JsonObject? data = null,
        long? userTaskKey = null,
        long? jobKey = null,
        long? incidentKey = null,
        string? timerId = null,
        string? actor = null,
        DateTimeOffset? timestamp = null)
    {
        var entry = new ProcessEvent
        {
            Sequence = ++_sequence,
            Timestamp = timestamp ?? Now,
            Actor = actor ?? Actor,
            Type = type,
            ElementId = element?.ElementId,
            ElementInstanceKey = element?.Key,
            UserTaskKey = userTaskKey ?? element?.UserTaskKey,
            JobKey = jobKey ?? element?.JobKey,
            IncidentKey = incidentKey,
            TimerId = timerId,
            Data = data,
        };
        _events.Add(entry);
        return entry;
    }

    public ProcessInstance ToInstance() =>
        new(
            _original with
            {
                Status = Status,
                EndedAt = EndedAt,
                ElementInstances = Elements.Values.ToList(),
                Variables = new Dictionary<long, JsonObject>(Variables),
                Incidents = Incidents.Values.ToList(),
                Timers = Timers.Values.ToList(),
                Sequence = _sequence,
            },
            new Dictionary<long, UserTask>(UserTasks),
            new Dictionary<long, Job>(Jobs));

    public ExecutionResult ToResult() =>
        ExecutionResult.Success(ToInstance(), _events.ToList(), _effects.ToList(), _changedUserTasks.ToList(), _changedJobs.ToList());
}
