import ArgumentParser
import ClinicEdits
import Foundation
import KetaplanEngine
import KetaplanStore

/// `ketaplan patient add|edit|set`.
struct PatientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "patient", abstract: "Add patients or change their details.", subcommands: [Add.self, Edit.self, SetScale.self])

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a patient's details (as the screen's patient form does); doses and dates re-plan and what changed is printed.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's id.", transform: PatientID.init) var patient: PatientID
        @Option(help: "The patient's name as it should appear on plans.") var name: String?
        @Option(help: ArgumentHelp("Date of birth (a correction).", valueName: "YYYY-MM-DD"), transform: Parse.day) var birth: CalendarDay?
        @Option(parsing: .unconditional, help: "A new weight in kg (30-300); mg/kg doses from now on follow it.", transform: Parse.signedDecimal) var weight: Double?
        @Option(help: ArgumentHelp("The day --weight was measured (default: today).", valueName: "YYYY-MM-DD"), transform: Parse.day) var measured: CalendarDay?
        @Option(parsing: .unconditional, help: "Height in cm (120-230).", transform: Parse.signedDecimal) var height: Double?
        @Option(help: "Sex as recorded for dosing.") var sex: Sex?
        @Option(help: ArgumentHelp("A condition (repeatable); those given replace the ones on record.", valueName: "C")) var condition: [Condition] = []
        @Option(name: .customLong("mood-stabiliser"), help: ArgumentHelp("The mood stabiliser on record (other:NAME for one not listed).", valueName: "NAME"))
        var moodStabiliser: MoodStabiliser?
        @Option(name: .customLong("primary-scale"), help: "The scale response is tracked on first; 'default' for the condition's own.") var primaryScale: ScaleChoice?
        @Option(help: "Notes on the patient (replace those on record; empty to clear).") var notes: String?

        func validate() throws {
            if measured != nil && weight == nil { throw ValidationError("--measured says when --weight was measured: give --weight KG too") }
            guard name != nil || birth != nil || weight != nil || height != nil || sex != nil || !condition.isEmpty || moodStabiliser != nil
                    || primaryScale != nil || notes != nil else {
                throw ValidationError("nothing to change: give at least one of --name, --birth, --weight, --height, --sex, --condition, --mood-stabiliser, --primary-scale, --notes")
            }
        }

        func run() throws {
            try checkText(name, flag: "--name")
            try checkText(notes, flag: "--notes", allowingLineBreaks: true)
            let ws = try Workspace(global)
            try ws.retryingIfAColleagueSaves {
                let stored = try ws.chart(patient)
                let details = PatientDetails(
                    name: name, dateOfBirth: birth, sex: sex.map { .some($0) }, weightKg: weight, weightMeasuredOn: measured,
                    heightCm: height.map { .some($0) }, conditions: condition.isEmpty ? nil : condition, moodStabiliser: moodStabiliser?.description,
                    primaryScale: primaryScale.map(\.instrument), notes: notes)
                let edited = try ws.checked { () throws(EditError) in try details.patient(updating: stored.chart.patient, id: patient, today: ws.today) }
                let applied = try ws.applied(.editPatient(edited), to: stored)
                try ws.save(applied.chart, over: stored)
                print("Patient \(patient) updated: " + details.said(today: ws.today).joined(separator: "; ") + ".")
                let holds = HoldChecker(context: ws.context(for: stored.id))
                HoldReport.printChanges(from: holds.holds(for: stored.chart), to: holds.holds(for: applied.chart), quiet: true)
                if !applied.changeLines.isEmpty {
                    print("Changed:")
                    applied.changeLines.forEach { print("  \($0)") }
                }
            }
        }
    }

    struct SetScale: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Set a patient's primary scale (what response is tracked on first) or mood stabiliser.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's id.", transform: PatientID.init) var patient: PatientID
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
            try ws.retryingIfAColleagueSaves {
                let stored = try ws.chart(patient)
                let details = PatientDetails(moodStabiliser: stabiliser?.description, primaryScale: primaryScale.map(\.instrument))
                let edited = try ws.checked { () throws(EditError) in try details.patient(updating: stored.chart.patient, id: patient, today: ws.today) }
                let applied = try ws.applied(.editPatient(edited), to: stored)
                let update = applied.update
                let lines = applied.changeLines
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
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a patient; prints the new patient's id.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The patient's name as it should appear on plans.") var name: String
        @Option(help: ArgumentHelp("Date of birth.", valueName: "YYYY-MM-DD"), transform: Parse.day) var birth: CalendarDay
        @Option(parsing: .unconditional, help: "Weight in kg (30-300), measured today.", transform: Parse.signedDecimal) var weight: Double
        @Option(parsing: .unconditional, help: "Height in cm (120-230).", transform: Parse.signedDecimal) var height: Double?
        @Option(help: "Sex as recorded for dosing.") var sex: Sex?
        @Option(help: ArgumentHelp("A condition (repeatable).", valueName: "C"))
        var condition: [Condition] = []
        @Option(name: .customLong("mood-stabiliser"), help: ArgumentHelp("The mood stabiliser on record (other:NAME for one not listed).", valueName: "NAME"))
        var moodStabiliser: MoodStabiliser?
        @Option(help: "The patient id (letters, digits, '-'); default: the next free P-NNNN.", transform: PatientID.init) var id: PatientID?
        @Option(name: .customLong("primary-scale"), help: "The scale response is tracked on first ('default': the first condition's).") var primaryScale: ScaleChoice?

        func run() throws {
            try checkText(name, flag: "--name")
            let ws = try Workspace(global)
            let patientID = id ?? PatientID.firstFree(notIn: Set(ws.store.patientFileIDs()))
            let add = AddPatient(id: patientID, details: PatientDetails(
                name: name, dateOfBirth: birth, sex: sex.map { .some($0) }, weightKg: weight, heightCm: height.map { .some($0) }, conditions: condition,
                moodStabiliser: moodStabiliser?.description, primaryScale: primaryScale.map(\.instrument)))
            let applied = try ws.checked { () throws(EditError) in try add.applied(today: ws.today) }
            do { try ws.store.create(applied.chart) } catch { throw Failure(error.description) }
            print(patientID.rawValue)
        }
    }
}
