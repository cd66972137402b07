namespace TaskFunctions.Functions.Tests.Ui;

/// <summary>The processes and form the browser tests deploy; with diagram layout, so the process view has a drawing.</summary>
internal static class UiSamples
{
    public const string FormId = "ui-invoice-form";

    /// <summary>The review form: <c>approved</c> is required, <c>comment</c> and <c>amount</c> optional.</summary>
    public const string Form = """
        {"id":"ui-invoice-form","type":"default","schemaVersion":16,"components":[
          {"type":"checkbox","id":"approvedField","key":"approved","label":"Approved","validate":{"required":true}},
          {"type":"textfield","id":"commentField","key":"comment","label":"Comment"},
          {"type":"number","id":"amountField","key":"amount","label":"Amount"}]}
        """;

    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:fleans="http://fleans.io/schema/bpmn/fleans" id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
        """;

    /// <summary>
    /// start → "Review invoice" (group <paramref name="reviewers"/>, the linked form, a header; the process also
    /// requires <c>amount</c>, which the form leaves optional) → "Approve payment"
    /// (group <paramref name="approvers"/>, no form, expected output <c>decision</c>) → end.
    /// </summary>
    public static string Invoice(string id, string reviewers, string approvers) => Head + $"""
        <bpmn:process id="{id}" name="Invoice {id}" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:userTask id="review" name="Review invoice" fleans:expectedOutputs="amount">
            <bpmn:extensionElements>
              <zeebe:userTask />
              <zeebe:formDefinition formId="{FormId}" />
              <zeebe:assignmentDefinition candidateGroups="{reviewers}" />
              <zeebe:taskHeaders><zeebe:header key="department" value="finance" /></zeebe:taskHeaders>
            </bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:userTask id="approve" name="Approve payment" fleans:expectedOutputs="decision">
            <bpmn:extensionElements>
              <zeebe:userTask />
              <zeebe:assignmentDefinition candidateGroups="{approvers}" />
            </bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
          <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="approve" />
          <bpmn:sequenceFlow id="f3" sourceRef="approve" targetRef="end" />
        </bpmn:process>
        <bpmndi:BPMNDiagram id="diagram">
          <bpmndi:BPMNPlane id="plane" bpmnElement="{id}">
            <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="review_di" bpmnElement="review"><dc:Bounds x="240" y="80" width="100" height="80" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="approve_di" bpmnElement="approve"><dc:Bounds x="400" y="80" width="100" height="80" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="562" y="102" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="188" y="120" /><di:waypoint x="240" y="120" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="340" y="120" /><di:waypoint x="400" y="120" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="500" y="120" /><di:waypoint x="562" y="120" /></bpmndi:BPMNEdge>
          </bpmndi:BPMNPlane>
        </bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;

    /// <summary>start → "Pay supplier" (group <paramref name="group"/>, due on 2020-01-01, long past) → end.</summary>
    public static string Overdue(string id, string group) => Head + $"""
        <bpmn:process id="{id}" name="Late payment {id}" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:userTask id="pay" name="Pay supplier">
            <bpmn:extensionElements>
              <zeebe:userTask />
              <zeebe:assignmentDefinition candidateGroups="{group}" />
              <zeebe:taskSchedule dueDate="2020-01-01T00:00:00Z" />
            </bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pay" />
        </bpmn:process>
        </bpmn:definitions>
        """;
    /// <summary>
    /// start → "Check reference" (group <paramref name="group"/>, a form embedded in the process with a text field
    /// <c>reference</c>) → end.
    /// </summary>
    public static string EmbeddedForm(string id, string group) => Head + $$"""
        <bpmn:process id="{{id}}" name="Reference check {{id}}" isExecutable="true">
          <bpmn:extensionElements>
            <zeebe:userTaskForm id="CheckForm">{"id":"check-form","type":"default","components":[{"type":"textfield","id":"referenceField","key":"reference","label":"Reference"}]}</zeebe:userTaskForm>
          </bpmn:extensionElements>
          <bpmn:startEvent id="start" />
          <bpmn:userTask id="check" name="Check reference">
            <bpmn:extensionElements>
              <zeebe:userTask />
              <zeebe:formDefinition formKey="camunda-forms:bpmn:CheckForm" />
              <zeebe:assignmentDefinition candidateGroups="{{group}}" />
            </bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
        </bpmn:process>
        </bpmn:definitions>
        """;
}
