namespace TaskFunctions.Storage.Tests.Runtime;

/// <summary>The BPMN processes the runtime tests run.</summary>
internal static class Processes
{
    private const string Head =
        """<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="http://bpmn.io/schema/bpmn">""";

    /// <summary>review (due in one hour) → approve → end.</summary>
    public static string ReviewApprove(string id = "review-approve") =>
        ReviewThenApprove(id, """<zeebe:taskSchedule dueDate="=now() + duration(&#34;PT1H&#34;)" />""");

    /// <summary>Two user tasks in a row, without dates (so no timers): the benchmark's process.</summary>
    public static string TwoSteps(string id = "two-steps") => ReviewThenApprove(id, "");

    private static string ReviewThenApprove(string id, string reviewSchedule) => Head + $"""
        <bpmn:process id="{id}" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:userTask id="review" name="Review">
            <bpmn:extensionElements><zeebe:userTask />{reviewSchedule}</bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:userTask id="approve" name="Approve">
            <bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
          <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="approve" />
          <bpmn:sequenceFlow id="f3" sourceRef="approve" targetRef="end" />
        </bpmn:process></bpmn:definitions>
        """;

    /// <summary>One user task per element of <c>items</c>, in parallel.</summary>
    public static string ManyTasks(string id = "many-tasks") => Head + $"""
        <bpmn:process id="{id}" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:userTask id="item" name="Item">
            <bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>
            <bpmn:multiInstanceLoopCharacteristics isSequential="false">
              <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="entry" /></bpmn:extensionElements>
            </bpmn:multiInstanceLoopCharacteristics>
          </bpmn:userTask>
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="item" />
          <bpmn:sequenceFlow id="f2" sourceRef="item" targetRef="end" />
        </bpmn:process></bpmn:definitions>
        """;

    /// <summary>See <see cref="TaskFunctions.TestSupport.JobProcesses.ChargeJob"/>.</summary>
    public static string ChargeJob(string id = "charge-job") => TaskFunctions.TestSupport.JobProcesses.ChargeJob(id);

    /// <summary>See <see cref="TaskFunctions.TestSupport.JobProcesses.ChargeWithErrorBoundary"/>.</summary>
    public static string ChargeWithErrorBoundary(string id = "charge-error") => TaskFunctions.TestSupport.JobProcesses.ChargeWithErrorBoundary(id);

    /// <summary>review with an interrupting two-hour boundary timer leading to escalate.</summary>
    public static string ReviewWithDeadline(string id = "review-deadline") => Head + $"""
        <bpmn:process id="{id}" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:userTask id="review" name="Review">
            <bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:boundaryEvent id="deadline" attachedToRef="review">
            <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT2H</bpmn:timeDuration></bpmn:timerEventDefinition>
          </bpmn:boundaryEvent>
          <bpmn:userTask id="escalate" name="Escalate">
            <bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:endEvent id="end" />
          <bpmn:endEvent id="end_escalated" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
          <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
          <bpmn:sequenceFlow id="f3" sourceRef="deadline" targetRef="escalate" />
          <bpmn:sequenceFlow id="f4" sourceRef="escalate" targetRef="end_escalated" />
        </bpmn:process></bpmn:definitions>
        """;
}
