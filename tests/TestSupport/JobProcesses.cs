namespace TaskFunctions.TestSupport;

/// <summary>BPMN processes with jobs that the storage and HTTP tests both run.</summary>
public static class JobProcesses
{
    private const string Head =
        """<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="http://bpmn.io/schema/bpmn">""";

    /// <summary>A service task with a job of type <paramref name="type"/> (2 retries, header mode=test), then a user task.</summary>
    public static string ChargeJob(string id = "charge-job", string type = "charge") => Head + $"""
        <bpmn:process id="{id}" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:serviceTask id="charge" name="Charge">
            <bpmn:extensionElements><zeebe:taskDefinition type="{type}" retries="2" /><zeebe:taskHeaders><zeebe:header key="mode" value="test" /></zeebe:taskHeaders></bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:userTask id="check" name="Check">
            <bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="charge" />
          <bpmn:sequenceFlow id="f2" sourceRef="charge" targetRef="check" />
          <bpmn:sequenceFlow id="f3" sourceRef="check" targetRef="end" />
        </bpmn:process></bpmn:definitions>
        """;

    /// <summary>A job of type <paramref name="type"/> whose DECLINED error is caught by a boundary event leading to the user task <c>handle</c>.</summary>
    public static string ChargeWithErrorBoundary(string id = "charge-error", string type = "charge") => Head + $"""
        <bpmn:process id="{id}" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:serviceTask id="charge" name="Charge">
            <bpmn:extensionElements><zeebe:taskDefinition type="{type}" retries="2" /></bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:boundaryEvent id="declined" attachedToRef="charge">
            <bpmn:errorEventDefinition errorRef="Error_declined" />
          </bpmn:boundaryEvent>
          <bpmn:userTask id="handle" name="Handle declined card">
            <bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:endEvent id="end" />
          <bpmn:endEvent id="end_declined" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="charge" />
          <bpmn:sequenceFlow id="f2" sourceRef="charge" targetRef="end" />
          <bpmn:sequenceFlow id="f3" sourceRef="declined" targetRef="handle" />
          <bpmn:sequenceFlow id="f4" sourceRef="handle" targetRef="end_declined" />
        </bpmn:process>
        <bpmn:error id="Error_declined" name="Declined" errorCode="DECLINED" /></bpmn:definitions>
        """;
}
