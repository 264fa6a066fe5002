import Foundation
import KetaplanEngine
import KetaplanStore

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
        var entries: [[String: Any]] = []
        for chart in charts { entries += resources(chart, context) }
        let bundle: [String: Any] = ["resourceType": "Bundle", "type": "collection",
                                     "id": StableID.uuid("bundle|\(context.clinic.name)|\(charts.map { $0.patient.id.rawValue }.joined(separator: ","))"),
                                     "entry": entries]
        let data = (try? JSONSerialization.data(withJSONObject: bundle, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func resources(_ chart: PatientChart, _ context: PrintContext) -> [[String: Any]] {
        let p = chart.patient
        let clinicKey = context.clinic.name
        let patientID = StableID.uuid("patient|\(clinicKey)|\(p.id)")
        var patient: [String: Any] = [
            "resourceType": "Patient", "id": patientID,
            "identifier": [["system": "urn:ketaplan:patient-id", "value": p.id.rawValue]],
            "name": [["text": p.name]], "birthDate": p.dateOfBirth.iso,
        ]
        if let sex = p.sex { patient["gender"] = sex.rawValue }
        var out: [[String: Any]] = [["fullUrl": "urn:uuid:\(patientID)", "resource": patient]]
        let subject = ["reference": "urn:uuid:\(patientID)"]

        if let plan = chart.plan {
            let planID = StableID.uuid("careplan|\(clinicKey)|\(p.id)")
            let product = plan.protocolCopy.route.isEsketamine ? "esketamine" : "ketamine"
            // A held session is "on-hold" with the holds as the status reason.
            let held = HoldChecker(context: context.scheduling).heldSessions(in: chart)
            let activities: [[String: Any]] = plan.sessions.map { s in
                var detail: [String: Any] = [
                    "status": held[s.id] != nil ? "on-hold" : activityStatus(s.status),
                    "description": "\(plan.protocolCopy.route.name), \(s.phase.rawValue) session \(plan.number(of: s.id) ?? 0). \(s.reason)",
                    "productCodeableConcept": ["text": product],
                ]
                if let holds = held[s.id] {
                    detail["statusReason"] = ["text": "on hold: " + holds.map(\.code.title).joined(separator: "; ")]
                }
                if let time = s.time {
                    detail["scheduledPeriod"] = ["start": "\(s.date.iso)T\(time):00", "end": "\(s.date.iso)T\(endTime(time, s.chairMinutes)):00"]
                } else {
                    detail["scheduledString"] = s.date.iso
                }
                if let dose = s.record?.doseGivenMg ?? s.plannedDoseMg {
                    detail["dailyAmount"] = ["value": dose, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"]
                }
                return ["detail": detail]
            }
            let carePlan: [String: Any] = [
                "resourceType": "CarePlan", "id": planID, "status": carePlanStatus(plan.status), "intent": "plan",
                "title": plan.protocolCopy.name, "subject": subject,
                "period": ["start": plan.startDate.iso],
                "description": "Maintenance: \(plan.maintenancePolicy?.description ?? "none")",
                "activity": activities,
            ]
            out.append(["fullUrl": "urn:uuid:\(planID)", "resource": carePlan])
        }

        for (i, a) in chart.assessments.enumerated() {
            let id = StableID.uuid("observation|\(clinicKey)|\(p.id)|\(a.instrument.rawValue)|\(a.date.iso)|\(i)")
            var code: [String: Any] = ["text": "\(a.instrument.name) total"]
            if let l = loinc[a.instrument] { code["coding"] = [["system": "http://loinc.org", "code": l.code, "display": l.display]] }
            let observation: [String: Any] = [
                "resourceType": "Observation", "id": id, "status": "final",
                "category": [["coding": [["system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey", "display": "Survey"]]]],
                "code": code, "subject": subject, "effectiveDateTime": a.date.iso, "valueInteger": a.score,
            ]
            out.append(["fullUrl": "urn:uuid:\(id)", "resource": observation])
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

    static func endTime(_ t: TimeOfDay, _ minutes: Int) -> String {
        let end = min(23 * 60 + 59, t.minutesSinceMidnight + minutes)
        return ICalendarExport.pad(end / 60) + ":" + ICalendarExport.pad(end % 60)
    }
}
