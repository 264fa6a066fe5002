import ArgumentParser
import Foundation
import KetaplanEngine
import KetaplanStore

/// `ketaplan patient add`.
struct PatientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "patient", abstract: "Add patients.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a patient; prints the new patient's id.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The patient's name as it should appear on plans.") var name: String
        @Option(help: ArgumentHelp("Date of birth.", valueName: "YYYY-MM-DD")) var birth: String
        @Option(help: "Weight in kg (30-300), measured today.") var weight: Double
        @Option(help: "Height in cm (120-230).") var height: Double?
        @Option(help: "female or male.") var sex: String?
        @Option(help: ArgumentHelp("A condition (repeatable): \(Condition.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "C"))
        var condition: [String] = []
        @Option(name: .customLong("mood-stabiliser"), help: "The mood stabiliser on record (e.g. lithium).") var moodStabiliser: String?
        @Option(help: "The patient id (letters, digits, '-'); default: the next free P-NNNN.") var id: String?

        func run() throws {
            let ws = try Workspace(global)
            let birthDay = try parseDay(birth, flag: "--birth")
            guard birthDay <= ws.today else { throw ValidationError("--birth: \(PatientError.birthInFuture(birthDay).description)") }
            let sexValue: Sex?
            if let sex {
                guard let s = Sex(rawValue: sex.lowercased()) else { throw ValidationError("--sex: '\(sex)' is not accepted; use female or male") }
                sexValue = s
            } else { sexValue = nil }
            var conditions: [Condition] = []
            for c in condition {
                guard let value = Condition(rawValue: c.lowercased()) else {
                    throw ValidationError("--condition: '\(c)' is not known; use \(Condition.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                conditions.append(value)
            }
            let patientID: PatientID
            do {
                if let id {
                    patientID = try PatientID(id)
                } else {
                    let taken = Set(ws.store.patientFileIDs())
                    patientID = PatientID.firstFree(notIn: taken)
                }
            } catch { throw ValidationError("--id: \(error.description)") }
            let patient: Patient
            do {
                let w: WeightMeasurement
                do { w = try WeightMeasurement(kilograms: weight, measuredOn: ws.today) } catch { throw ValidationError("--weight: \(error.description)") }
                patient = try Patient(id: patientID, name: name, dateOfBirth: birthDay, sex: sexValue, weight: w, heightCm: height,
                                      conditions: conditions, moodStabiliser: moodStabiliser)
            } catch let error as PatientError {
                throw ValidationError(error.description)
            }
            do { try ws.store.create(PatientChart(patient: patient), change: "patient created") } catch { throw Failure(error.description) }
            print(patientID.rawValue)
        }
    }
}
