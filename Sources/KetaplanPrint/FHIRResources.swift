/// The parts of HL7 FHIR R4 that ketaplan exports, as typed values: every field has the
/// type and name the specification gives it, so a Bundle cannot be written with a
/// misspelt element or a number where text belongs. Encoded with sorted keys.
enum FHIR {
    struct Bundle: Encodable {
        let resourceType = "Bundle"
        var id: String
        let type = "collection"
        var entry: [Entry]
    }

    struct Entry: Encodable {
        var fullUrl: String
        var resource: Resource
    }

    /// One resource of a Bundle entry.
    enum Resource: Encodable {
        case patient(Patient)
        case carePlan(CarePlan)
        case observation(Observation)

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .patient(let r): try r.encode(to: encoder)
            case .carePlan(let r): try r.encode(to: encoder)
            case .observation(let r): try r.encode(to: encoder)
            }
        }
    }

    struct Identifier: Encodable {
        var system: String
        var value: String
    }

    struct HumanName: Encodable {
        var text: String
    }

    struct Reference: Encodable {
        var reference: String
    }

    struct Coding: Encodable {
        var system: String
        var code: String
        var display: String
    }

    struct CodeableConcept: Encodable {
        var coding: [Coding]?
        var text: String?
    }

    /// A FHIR `Period`; `start` and `end` are dateTimes, which carry a UTC offset when
    /// they carry a time (or plain dates, which need none).
    struct Period: Encodable {
        var start: String
        var end: String?
    }

    struct Quantity: Encodable {
        var value: Double
        var unit: String
        var system: String
        var code: String
    }

    struct Patient: Encodable {
        let resourceType = "Patient"
        var id: String
        var identifier: [Identifier]
        var name: [HumanName]
        var birthDate: String
        var gender: String?
    }

    struct CarePlan: Encodable {
        let resourceType = "CarePlan"
        var id: String
        var status: String
        let intent = "plan"
        var title: String
        var description: String
        var subject: Reference
        var period: Period
        var activity: [Activity]
    }

    struct Activity: Encodable {
        var detail: ActivityDetail
    }

    struct ActivityDetail: Encodable {
        var status: String
        var statusReason: CodeableConcept?
        var description: String
        var productCodeableConcept: CodeableConcept
        var scheduledPeriod: Period?
        var scheduledString: String?
        var dailyAmount: Quantity?
    }

    struct Observation: Encodable {
        let resourceType = "Observation"
        var id: String
        let status = "final"
        var category: [CodeableConcept]
        var code: CodeableConcept
        var subject: Reference
        var effectiveDateTime: String
        var valueInteger: Int
    }
}
