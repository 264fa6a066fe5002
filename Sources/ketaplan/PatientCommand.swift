import ArgumentParser
import Foundation
import KetaplanEngine
import KetaplanStore

/// `ketaplan patient add`.
struct PatientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "patient", abstract: "Add patients or change what is tracked for them.", subcommands: [Add.self, SetScale.self])

    struct SetScale: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Set a patient's primary scale (what response is tracked on first) or mood stabiliser.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's id.") var patient: String
        @Option(name: .customLong("primary-scale"), help: "The scale response is tracked on first; 'default' for the condition's own.") var primaryScale: ScaleChoice?
        @Option(name: .customLong("mood-stabiliser"), help: ArgumentHelp("The mood stabiliser on record (other:NAME for one not listed).", valueName: "NAME"))
        var moodStabiliser: MoodStabiliser?

        func validate() throws {
            guard primaryScale != nil || moodStabiliser != nil else {
                throw ValidationError("give --primary-scale and/or --mood-stabiliser")
            }
        }

        func run() throws {
            let stabiliser = moodStabiliser
            let scale = primaryScale?.instrument
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
        @Option(help: ArgumentHelp("Date of birth.", valueName: "YYYY-MM-DD"), transform: Parse.day) var birth: CalendarDay
        @Option(help: "Weight in kg (30-300), measured today.", transform: Parse.decimal) var weight: Double
        @Option(help: "Height in cm (120-230).", transform: Parse.decimal) var height: Double?
        @Option(help: "Sex as recorded for dosing.") var sex: Sex?
        @Option(help: ArgumentHelp("A condition (repeatable).", valueName: "C"))
        var condition: [Condition] = []
        @Option(name: .customLong("mood-stabiliser"), help: ArgumentHelp("The mood stabiliser on record (other:NAME for one not listed).", valueName: "NAME"))
        var moodStabiliser: MoodStabiliser?
        @Option(help: "The patient id (letters, digits, '-'); default: the next free P-NNNN.") var id: String?
        @Option(name: .customLong("primary-scale"), help: "The scale response is tracked on first ('default': the first condition's).") var primaryScale: ScaleChoice?

        func run() throws {
            try checkText(name, flag: "--name")
            let scale = primaryScale?.instrument
            let stabiliser = moodStabiliser
            let ws = try Workspace(global)
            let birthDay = birth
            do { try Patient.checkBirth(birthDay, today: ws.today) } catch { throw ValidationError("--birth: \(error.description)") }
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
                patient = try Patient(id: patientID, name: name, dateOfBirth: birthDay, sex: sex, weight: w, heightCm: height,
                                      conditions: condition, moodStabiliser: stabiliser?.description, primaryScale: scale)
            } catch let error as PatientError {
                throw ValidationError(error.description)
            }
            do { try ws.store.create(PatientChart(patient: patient)) } catch { throw Failure(error.description) }
            print(patientID.rawValue)
        }
    }
}
