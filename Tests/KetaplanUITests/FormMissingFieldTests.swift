import Testing
import KetaplanEngine
import KetaplanStore
@testable import KetaplanUI

/// A form that lacks a field (built by an older version, recovered from a file, or a
/// mistyped key) is refused or submitted without it; it never crashes.
@Suite struct FormMissingFieldTests {
    @Test func everyFormSubmitsWithAnyOneFieldMissing() throws {
        let chart = storedChart("P-0006").chart
        let plan = try #require(chart.plan)
        let session = try #require(plan.sessions.first { $0.status == .planned })
        let forms = [
            FormBuilder.recordSession(chart, session: session, today: testToday, user: "test"),
            FormBuilder.addScore(chart),
            FormBuilder.titrate(chart, session: session),
            FormBuilder.newPlan(chart, clinic: demoClinicFile(), today: testToday),
            FormBuilder.patient(chart.patient, today: testToday),
            FormBuilder.patient(nil, today: testToday),
        ]
        for form in forms {
            // The whole form submits (or is refused with a message) as built...
            _ = FormSubmission.outcome(form, chart: chart, clinic: demoClinicFile(), today: testToday, newID: { pid("P-0099") })
            for key in form.fields.map(\.key) {
                var lacking = form
                lacking.fields.removeAll { $0.key == key }
                #expect(lacking[key].value == "", "\(form.kind.title) without \(key)")
                // ...and so does the form without this one field: a result, not a crash.
                switch FormSubmission.outcome(lacking, chart: chart, clinic: demoClinicFile(), today: testToday, newID: { pid("P-0099") }) {
                case .failure(let error): #expect(!error.message.isEmpty)
                case .success: break
                }
            }
        }
    }
}
