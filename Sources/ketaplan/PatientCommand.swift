import ArgumentParser
import Foundation
import KetaplanEngine
import KetaplanStore

/// `ketaplan patient add`.
struct PatientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "patient", abstract: "Add patients or change what is tracked for them.", subcommands: [Add.self, SetScale.self])

    /// Reads a `--primary-scale` value: a symptom scale.
    static func scale(_ text: String) throws -> Instrument {
        guard let i = Instrument(name: text), i.tracksResponse else {
            throw ValidationError("--primary-scale: '\(text)' is not a symptom scale; use \(Instrument.allCases.filter(\.tracksResponse).map(\.rawValue).joined(separator: ", ")) (or 'default')")
        }
        return i
    }

    /// Reads `--mood-stabiliser`: a listed name, `none` or `other:NAME`; anything else is
    /// refused, listing what is accepted.
    static func stabiliser(_ text: String) throws -> MoodStabiliser {
        try checkText(text, flag: "--mood-stabiliser")
        let refused = ValidationError("--mood-stabiliser: '\(text)' is not accepted; use \(MoodStabiliser.accepted)")
        guard let value = MoodStabiliser(parsing: text) else { throw refused }
        if case .unrecognised = value { throw refused }
        return value
    }

    struct SetScale: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Set a patient's primary scale (what response is tracked on first) or mood stabiliser.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's id.") var patient: String
        @Option(name: .customLong("primary-scale"), help: "phq9, qids, madrs, gad7 or pcl5; 'default' for the condition's own.") var primaryScale: String?
        @Option(name: .customLong("mood-stabiliser"), help: ArgumentHelp("The mood stabiliser on record: \(MoodStabiliser.accepted).", valueName: "NAME"))
        var moodStabiliser: String?

        func validate() throws {
            guard primaryScale != nil || moodStabiliser != nil else {
                throw ValidationError("give --primary-scale and/or --mood-stabiliser")
            }
        }

        func run() throws {
            let stabiliser = try moodStabiliser.map(PatientCommand.stabiliser)
            let scale: Instrument? = try primaryScale.flatMap { $0.lowercased() == "default" ? nil : try PatientCommand.scale($0) }
            let ws = try Workspace(global)
            let stored = try ws.chart(patient)
            var chart = stored.chart
            if let stabiliser {
                chart.patient.moodStabiliser = stabiliser.description
            }
            if primaryScale != nil { chart.patient.primaryScale = scale }
            let update = chart.plan == nil ? ChartUpdate(chart: chart, changes: []) : ws.scheduler(for: stored.id).replanned(chart)
            let lines = update.chart.plan.map { plan in update.changes.map { $0.line(in: plan) } } ?? []
            try ws.save(update.chart, over: stored)
            let tracked = update.chart.patient.trackedInstruments.map(\.name).joined(separator: ", ")
            if let stabiliser { print("Mood stabiliser of \(patient): \(stabiliser).") }
            if primaryScale != nil {
                print("Primary scale of \(patient): \(update.chart.patient.primaryInstrument.name)\(scale == nil ? " (the condition's default)" : ""); response counts on \(tracked).")
            }
            let holds = HoldChecker(context: ws.context(for: stored.id))
            HoldReport.printChanges(from: holds.holds(for: stored.chart), to: holds.holds(for: update.chart), quiet: true)
            lines.forEach { print("  \($0)") }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a patient; prints the new patient's id.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The patient's name as it should appear on plans.") var name: String
        @Option(help: ArgumentHelp("Date of birth.", valueName: "YYYY-MM-DD")) var birth: String
        @Option(help: "Weight in kg (30-300), measured today.", transform: plainDecimal("--weight")) var weight: Double
        @Option(help: "Height in cm (120-230).", transform: plainDecimal("--height")) var height: Double?
        @Option(help: "female or male.") var sex: String?
        @Option(help: ArgumentHelp("A condition (repeatable): \(Condition.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "C"))
        var condition: [String] = []
        @Option(name: .customLong("mood-stabiliser"), help: ArgumentHelp("The mood stabiliser on record: \(MoodStabiliser.accepted).", valueName: "NAME"))
        var moodStabiliser: String?
        @Option(help: "The patient id (letters, digits, '-'); default: the next free P-NNNN.") var id: String?
        @Option(name: .customLong("primary-scale"), help: "The scale response is tracked on first (default: the first condition's).") var primaryScale: String?

        func run() throws {
            try checkText(name, flag: "--name")
            try checkText(moodStabiliser, flag: "--mood-stabiliser")
            let scale = try primaryScale.map(PatientCommand.scale)
            let stabiliser = try moodStabiliser.map(PatientCommand.stabiliser)
            let ws = try Workspace(global)
            let birthDay = try parseDay(birth, flag: "--birth")
            do { try Patient.checkBirth(birthDay, today: ws.today) } catch { throw ValidationError("--birth: \(error.description)") }
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
                                      conditions: conditions, moodStabiliser: stabiliser?.description, primaryScale: scale)
            } catch let error as PatientError {
                throw ValidationError(error.description)
            }
            do { try ws.store.create(PatientChart(patient: patient)) } catch { throw Failure(error.description) }
            print(patientID.rawValue)
        }
    }
}
