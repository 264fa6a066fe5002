import Foundation
import KetaplanEngine
import KetaplanRecords
import KetaplanText

/// A plan as an HL7 FHIR R4 Bundle: the Patient, a CarePlan whose activities are the
/// sessions, and the scores as Observations (LOINC codes where they exist).
public enum FHIRExport {
    /// LOINC codes for the instruments' totals; others are coded as text only.
    public static let loinc: [Instrument: (code: String, display: String)] = [
        .phq9: ("44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]"),
        .gad7: ("70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]"),
    ]

    /// The Bundle as JSON text (sorted keys, so the same plan gives the same bytes).
    public static func bundle(_ charts: [PatientChart], _ context: PrintContext) -> String {
        let bundle = FHIR.Bundle(id: StableID.uuid("bundle|\(context.clinic.name)|\(charts.map { $0.patient.id.rawValue }.joined(separator: ","))"),
                                 entry: charts.flatMap { resources($0, context) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(bundle)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Text from the chart, with control characters shown inert (`^[`) as on every output.
    static func text(_ s: String) -> String { ControlCharacters.visible(s, keeping: ["\n"]) }

    static func resources(_ chart: PatientChart, _ context: PrintContext) -> [FHIR.Entry] {
        let p = chart.patient
        let clinicKey = context.clinic.name
        let patientID = StableID.uuid("patient|\(clinicKey)|\(p.id)")
        let patient = FHIR.Patient(id: patientID, identifier: [FHIR.Identifier(system: "urn:ketaplan:patient-id", value: p.id.rawValue)],
                                   name: [FHIR.HumanName(text: text(p.name))], birthDate: p.dateOfBirth.iso, gender: p.sex?.rawValue)
        var out = [FHIR.Entry(fullUrl: "urn:uuid:\(patientID)", resource: .patient(patient))]
        let subject = FHIR.Reference(reference: "urn:uuid:\(patientID)")

        if let plan = chart.plan {
            let planID = StableID.uuid("careplan|\(clinicKey)|\(p.id)")
            let product = plan.protocolCopy.route.isEsketamine ? "esketamine" : "ketamine"
            // A held session is "on-hold" with the holds as the status reason.
            let held = HoldChecker(context: context.scheduling).heldSessions(in: chart)
            let activities: [FHIR.Activity] = plan.sessions.map { s in
                var detail = FHIR.ActivityDetail(
                    status: held[s.id] != nil ? "on-hold" : activityStatus(s.status),
                    description: text("\(plan.protocolCopy.route.name), \(s.phase.rawValue) session \(plan.number(of: s.id) ?? 0). \(s.reason)"),
                    productCodeableConcept: FHIR.CodeableConcept(text: product))
                if let holds = held[s.id] {
                    detail.statusReason = FHIR.CodeableConcept(text: "on hold: " + holds.map(\.code.title).joined(separator: "; "))
                }
                if let time = s.time {
                    detail.scheduledPeriod = FHIR.Period(start: context.dateTime(s.date, minutes: time.minutesSinceMidnight),
                                                         end: context.dateTime(s.date, minutes: endMinutes(time, s.chairMinutes)))
                } else {
                    detail.scheduledString = s.date.iso
                }
                if let dose = s.record?.doseGivenMg ?? s.plannedDoseMg {
                    detail.dailyAmount = FHIR.Quantity(value: dose, unit: "mg", system: "http://unitsofmeasure.org", code: "mg")
                }
                return FHIR.Activity(detail: detail)
            }
            let carePlan = FHIR.CarePlan(id: planID, status: carePlanStatus(plan.status), title: text(plan.protocolCopy.name),
                                         description: text("Maintenance: \(plan.maintenancePolicy?.description ?? "none")"),
                                         subject: subject, period: FHIR.Period(start: plan.startDate.iso), activity: activities)
            out.append(FHIR.Entry(fullUrl: "urn:uuid:\(planID)", resource: .carePlan(carePlan)))
        }

        for (i, a) in chart.assessments.enumerated() {
            let id = StableID.uuid("observation|\(clinicKey)|\(p.id)|\(a.instrument.rawValue)|\(a.date.iso)|\(i)")
            let coding = loinc[a.instrument].map { [FHIR.Coding(system: "http://loinc.org", code: $0.code, display: $0.display)] }
            let survey = FHIR.Coding(system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "survey", display: "Survey")
            let observation = FHIR.Observation(id: id, category: [FHIR.CodeableConcept(coding: [survey])],
                                               code: FHIR.CodeableConcept(coding: coding, text: "\(a.instrument.name) total"),
                                               subject: subject, effectiveDateTime: a.date.iso, valueInteger: a.score)
            out.append(FHIR.Entry(fullUrl: "urn:uuid:\(id)", resource: .observation(observation)))
        }
        return out
    }

    static func activityStatus(_ s: SessionStatus) -> String {
        switch s {
        case .planned: return "scheduled"
        case .given: return "completed"
        case .missed: return "not-started"
        case .deferred: return "on-hold"
        case .cancelled: return "cancelled"
        }
    }

    static func carePlanStatus(_ s: PlanStatus) -> String {
        switch s {
        case .active: return "active"
        case .paused: return "on-hold"
        case .completed: return "completed"
        case .discontinued: return "revoked"
        }
    }

    /// The end of a session, in minutes after midnight (never past 23:59 that day).
    static func endMinutes(_ t: TimeOfDay, _ minutes: Int) -> Int {
        min(23 * 60 + 59, t.minutesSinceMidnight + minutes)
    }
}
