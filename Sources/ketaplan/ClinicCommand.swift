import ArgumentParser
import ClinicEdits
import Foundation
import KetaplanEngine
import KetaplanStore
import KetaplanText

/// `ketaplan clinic show|set|init`.
struct ClinicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clinic", abstract: "Show or change the clinic's calendar and settings, or share its data folder with a group.",
        subcommands: [Show.self, Set.self, Init.self])

    /// `ketaplan clinic init [--group NAME | --private]`: makes the data folder a clinic
    /// group's shared folder (or private), files and folders included. Without either, a
    /// folder already shared keeps its group (the command re-checks the modes): run to
    /// "fix the modes" on a clinic server, it must not lock every clinician out.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the data folder, or set who may use it: shared by a Unix group (folders 2770, files 0660) or private to you (0700, 0600); without --group or --private a shared folder keeps its group.",
            discussion: "Run it as root or as a member of the group, once, on the clinic server; every file ketaplan writes afterwards, whoever writes it, gets the same modes. Files that belong to someone else are listed with the command that fixes them.")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The Unix group of the clinic's clinicians; without it a shared folder keeps its group and any other is private to you.", valueName: "NAME"))
        var group: String?
        @Flag(name: .customLong("private"), help: "Make the folder private to you (0700, 0600) even when a group shares it now.")
        var makePrivate = false

        func run() throws {
            try checkText(group, flag: "--group")
            if group != nil && makePrivate { throw ValidationError("--group and --private cannot go together: give --group NAME to share the folder, or --private to make it yours alone") }
            let folder = global.folder
            let report: SharingReport
            do {
                var sharing = try DataFolder.sharing(group: group)
                // A shared folder keeps its group unless --private says otherwise.
                if group == nil, !makePrivate, case .group = FolderSharing.of(folder: folder.path) { sharing = FolderSharing.of(folder: folder.path) }
                report = try folder.share(sharing)
            } catch { throw Failure(error.description) }
            for line in report.notChanged { print(line) }
            let changed = "\(report.changed) changed"
            if let name = report.sharing.groupName {
                print("\(folder.path) is shared by group \(name): folders 2770, files 0660, nothing for others (\(changed)).")
                if group == nil { print("It was shared by \(name) already, so it stays shared; `ketaplan clinic init --private` makes it private to you.") }
            } else {
                report.privateLines(folder.path).forEach { print($0) }
            }
            let wroteClinic: Bool
            do { wroteClinic = try global.store().createClinicIfAbsent() } catch { throw Failure(error.description) }
            if wroteClinic {
                print("\(folder.clinicFile) written with the default settings: check them with `ketaplan clinic show` and change them with `ketaplan clinic set`.")
            }
            if !report.notChanged.isEmpty {
                print("\(report.notChanged.count) left as they were: run the fixes above, or this command as root.")
                throw ExitCode(1)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the clinic's name, calendar and settings.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let clinic: ClinicFile
            do { clinic = try global.store().loadClinic() } catch { throw Failure(error.description) }
            if json { return try printJSON(clinic) }
            let c = clinic.calendar
            let s = clinic.settings
            print("Clinic:        \(clinic.name)")
            print("Open days:     \(c.openWeekdays.sorted().map(\.shortName).joined(separator: ","))")
            print("Closed dates:  \(c.closedDates.isEmpty ? "none" : c.closedDates.sorted().map(\.iso).joined(separator: ", "))")
            print("Chairs:        \(c.chairsPerDay) per day")
            print("Session time:  \(clinic.sessionTime?.description ?? "not set (all-day)")")
            print("Weight basis:  \(s.weightBasis.rawValue)")
            print("Minimum gap:   \(s.twiceWeeklyMinimumGapDays) days between twice-weekly esketamine sessions")
            print("REMS site:     \(s.remsCertified ? "certified" : "NOT certified")")
            print("65+ start:     \(s.olderAdultEsketamineStart28mg ? "esketamine 28 mg" : "esketamine 56 mg")")
            print("Fasting:       \(s.fastingInstructions)")
            print("After dosing:  critical at or above \(s.hypertensiveUrgencySystolic)/\(s.hypertensiveUrgencyDiastolic); caution on a systolic rise of \(s.systolicRiseCaution) mmHg")
            print("YMRS:          critical at \(s.ymrsAlertThreshold); caution on a rise of \(s.ymrsRiseCaution) over the first score")
            print("On demand:     a scoring visit every \(s.onDemandScoringIntervalDays) days")
            print("Contact phone: \(clinic.contactPhone ?? "not set")")
            print("Calendar names: \(clinic.calendarNames.rawValue)")
            print("Time zone:     \(clinic.timeZone ?? "system (\(TimeZone.current.identifier))")")
            print("Printer:       \(clinic.printer?.rawValue ?? "not set (CUPS's default printer)")")
            print("Paper:         \(clinic.paper?.cupsMedia ?? "not set (the printer's default)")")
            print("Protocols:     \(clinic.allProtocols.map(\.id.rawValue).joined(separator: ", "))")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change the clinic; sessions on newly closed days are re-planned and listed.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The clinic's name.") var name: String?
        @Option(name: .customLong("open-days"), help: ArgumentHelp("Weekdays the clinic treats on.", valueName: "mon,tue,wed,thu,fri"),
                completion: .list(Weekday.allCases.map(\.shortName)), transform: Parse.openDays)
        var openDays: [Weekday]?
        @Option(help: ArgumentHelp("Close the clinic on a date (repeatable).", valueName: "YYYY-MM-DD"), transform: Parse.day) var closed: [CalendarDay] = []
        @Option(help: ArgumentHelp("Reopen a closed date (repeatable).", valueName: "YYYY-MM-DD"), transform: Parse.day) var reopen: [CalendarDay] = []
        @Option(help: "Treatment chairs per day (\(ClinicChange.chairs.accepted)).", transform: Parse.setting(ClinicChange.chairs)) var chairs: Int?
        @Option(name: .customLong("weight-basis"), help: "The body weight mg/kg doses are worked out on.") var weightBasis: WeightBasis?
        @Option(name: .customLong("min-gap"), help: "Minimum days between twice-weekly esketamine sessions (\(ClinicChange.minimumGap.accepted)).",
                transform: Parse.setting(ClinicChange.minimumGap))
        var minGap: Int?
        @Option(name: .customLong("rems-certified"), help: "Whether the site is certified under the esketamine REMS.") var remsCertified: YesNo?
        @Option(name: .customLong("session-time"), help: ArgumentHelp("The usual session time.", valueName: "HH:MM"), transform: Parse.time) var sessionTime: TimeOfDay?
        @Option(help: "Fasting instructions for patients.") var fasting: String?
        @Option(name: .customLong("contact-phone"), help: "The number patients call (printed on handouts).") var contactPhone: String?
        @Option(name: .customLong("calendar-names"), help: "How calendar exports name patients.") var calendarNames: ClinicFile.CalendarNames?
        @Option(name: .customLong("time-zone"), help: ArgumentHelp("The clinic's time zone for exported times, e.g. Europe/London ('system' for this machine's).", valueName: "ZONE"),
                completion: ZoneChoice.completion, transform: ZoneChoice.parse)
        var timeZone: ZoneChoice?
        @Option(name: .customLong("bp-urgent"), help: ArgumentHelp("A post-dose reading at or above this is critical (default 180/110).", valueName: "SYS/DIA"),
                transform: Parse.bloodPressure)
        var bpUrgent: BloodPressure?
        @Option(name: .customLong("bp-rise"), help: "Systolic rise from pre-dose, in mmHg, that is a caution (\(ClinicChange.systolicRise.accepted), default 40).",
                transform: Parse.setting(ClinicChange.systolicRise))
        var bpRise: Int?
        @Option(name: .customLong("scoring-interval"), help: "On-demand maintenance: days between scoring visits (\(ClinicChange.scoringInterval.accepted), default 14).",
                transform: Parse.setting(ClinicChange.scoringInterval))
        var scoringInterval: Int?
        @Option(name: .customLong("ymrs-rise"), help: "YMRS rise over the patient's first YMRS that is a caution (\(ClinicChange.ymrsRise.accepted), default 4).",
                transform: Parse.setting(ClinicChange.ymrsRise))
        var ymrsRise: Int?
        @Option(help: ArgumentHelp("The CUPS printer `print --lp` uses (lpstat -e lists them); empty: CUPS's default.", valueName: "NAME"))
        var printer: String?
        @Option(help: "The paper printed on: a4, letter, or default (the printer's own).") var paper: PaperChoice?

        /// `--paper`'s values: a paper size, or the printer's own default.
        enum PaperChoice: String, ExpressibleByArgument, CaseIterable {
            case a4, letter, `default`

            /// The paper to store: nil for the printer's own default.
            var paper: Paper? {
                switch self {
                case .a4: return .a4
                case .letter: return .letter
                case .default: return nil
                }
            }
        }

        func run() throws {
            try checkText(name, flag: "--name")
            try checkText(fasting, flag: "--fasting", allowingLineBreaks: true)
            try checkText(contactPhone, flag: "--contact-phone")
            let ws = try Workspace(global)
            var change = ClinicChange()
            change.name = name
            change.openWeekdays = openDays.map { Swift.Set($0) }
            change.close = closed
            change.reopen = reopen
            change.chairsPerDay = chairs
            change.weightBasis = weightBasis
            change.twiceWeeklyMinimumGapDays = minGap
            change.remsCertified = remsCertified?.isYes
            change.urgentBloodPressure = bpUrgent
            change.systolicRiseCaution = bpRise
            change.onDemandScoringIntervalDays = scoringInterval
            change.ymrsRiseCaution = ymrsRise
            change.sessionTime = sessionTime
            change.fastingInstructions = fasting
            change.contactPhone = contactPhone
            change.calendarNames = calendarNames
            change.printer = printer
            change.paper = paper.map(\.paper)
            change.timeZone = timeZone.map(\.identifier)
            let saved: SavedClinicChange
            // The screen's settings form passes the same I/O (`ReplanSaves`: only the charts
            // the change may move read, from the checked summaries, one at a time, and
            // chairs counted once, not the whole clinic again for each re-plan).
            let saves = ReplanSaves(store: ws.store)
            do {
                saved = try change.save(today: ws.today, loadClinic: { try ws.store.loadClinic() }, saveClinic: { try ws.store.saveClinic($0, ifStill: $1) },
                                        candidates: { affected in saves.candidates(affected.mayReplan) }, unread: { saves.unread },
                                        bookings: { saves.bookings }, loadChart: { try saves.load($0) }, saveChart: { try saves.save($0, over: $1) },
                                        report: { print($0.line) })
            } catch let conflict as ClinicConflict {
                throw Failure("\(conflict); see theirs with `ketaplan clinic show`, then run `clinic set` again with what you still want to change")
            } catch let error as EditError {
                throw Workspace.failure(error)
            } catch { throw Failure("\(error)") }
            // Each re-plan's line was printed as it was saved (none is kept: at 100,000
            // patients a change may re-plan thousands), so the summary comes last.
            print(saved.summary)
            guard saved.isComplete else {
                let advice = saved.unread.isEmpty ? [] : [SavedClinicChange.unreadAdvice]
                throw Failure((saved.notSaved.map(\.line) + saved.unreadLines + advice).joined(separator: "\n"))
            }
        }
    }
}
