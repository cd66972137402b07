using System.Diagnostics;
using TaskFunctions.Domain.Bpmn;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;
using ExecutionContext = TaskFunctions.Domain.Execution.ExecutionContext;

namespace TaskFunctions.Bench;

/// <summary>
/// The interpreter alone, in memory: start an instance of the five-step approval and complete its five tasks one
/// after another, each step on the previous step's state (as the runtime does, minus storage and JSON).
/// </summary>
public static class InterpreterBench
{
    public static (double InstancesPerSecond, double CommandsPerSecond, double MicrosecondsPerInstance) Run(string bpmnFile, int instances, int threads)
    {
        var parsed = BpmnParser.Parse(File.ReadAllText(bpmnFile));
        if (!parsed.IsSuccess)
        {
            throw new InvalidOperationException(string.Join("; ", parsed.Problems));
        }

        var definition = parsed.Processes[0];
        RunInstances(definition, Math.Min(2_000, instances), 0);

        var watch = Stopwatch.StartNew();
        var per = instances / threads;
        var commands = 0L;
        Parallel.For(0, threads, t => Interlocked.Add(ref commands, RunInstances(definition, per, t + 1)));
        var seconds = watch.Elapsed.TotalSeconds;
        return (per * threads / seconds, commands / seconds, seconds * 1e6 / (per * threads));
    }

    private static long RunInstances(ProcessDefinition definition, int count, int thread)
    {
        var keys = new Keys(thread);
        var token = 0;
        var context = new ExecutionContext
        {
            Now = DateTimeOffset.UnixEpoch.AddYears(56),
            Keys = keys,
            NewToken = () => $"t{++token}",
            ProcessDefinitionKey = 2_251_799_813_685_249,
            ProcessDefinitionVersion = 1,
        };
        var commands = 0L;
        for (var i = 0; i < count; i++)
        {
            var result = Check(ProcessInterpreter.Execute(definition, null, new StartInstance(null), context));
            commands++;
            while (result.Instance!.UserTasks.Values.FirstOrDefault(t => t.IsOpen) is { } open)
            {
                result = Check(ProcessInterpreter.Execute(
                    definition, result.Instance, new UserTaskCommandEnvelope(open.UserTaskKey, new UserTaskCommand.Complete()), context));
                commands++;
            }
        }

        return commands;
    }

    private static ExecutionResult Check(ExecutionResult result) =>
        result.IsSuccess ? result : throw new InvalidOperationException(result.Error!.ToString());

    private sealed class Keys(int thread) : IKeyGenerator
    {
        private long _next = ((long)thread << 40) + 1;

        public long NextKey() => _next++;
    }
}
