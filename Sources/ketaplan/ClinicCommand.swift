import ArgumentParser
import Foundation
import KetaplanEngine
import KetaplanStore
import KetaplanText

/// `ketaplan clinic show|set|init`.
struct ClinicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clinic", abstract: "Show or change the clinic's calendar and settings, or share its data folder with a group.",
        subcommands: [Show.self, Set.self, Init.self])

    /// `ketaplan clinic init [--group NAME]`: makes the data folder a clinic group's shared
    /// folder (or private again), files and folders included.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the data folder, or set who may use it: shared by a Unix group (folders 2770, files 0660) or private to you (0700, 0600).",
            discussion: "Run it as root or as a member of the group, once, on the clinic server; every file ketaplan writes afterwards, whoever writes it, gets the same modes. Files that belong to someone else are listed with the command that fixes them.")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The Unix group of the clinic's clinicians; without it the folder is private to you.", valueName: "NAME"))
        var group: String?

        func run() throws {
            try checkText(group, flag: "--group")
            let folder = global.folder
            let report: SharingReport
            do { report = try folder.share(DataFolder.sharing(group: group)) } catch { throw Failure(error.description) }
            for line in report.notChanged { print(line) }
            let changed = "\(report.changed) changed"
            if let name = report.sharing.groupName {
                print("\(folder.path) is shared by group \(name): folders 2770, files 0660, nothing for others (\(changed)).")
            } else {
                print("\(folder.path) is private to you: folders 0700, files 0600 (\(changed)).")
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
        @Option(name: .customLong("open-days"), help: ArgumentHelp("Weekdays the clinic treats on.", valueName: "mon,tue,wed,thu,fri"))
        var openDays: String?
        @Option(help: ArgumentHelp("Close the clinic on a date (repeatable).", valueName: "YYYY-MM-DD")) var closed: [String] = []
        @Option(help: ArgumentHelp("Reopen a closed date (repeatable).", valueName: "YYYY-MM-DD")) var reopen: [String] = []
        @Option(help: "Treatment chairs per day (1-200).") var chairs: Int?
        @Option(name: .customLong("weight-basis"), help: "actual, ideal or adjusted.") var weightBasis: String?
        @Option(name: .customLong("min-gap"), help: "Minimum days between twice-weekly esketamine sessions (1-7).") var minGap: Int?
        @Option(name: .customLong("rems-certified"), help: "yes or no.") var remsCertified: String?
        @Option(name: .customLong("session-time"), help: ArgumentHelp("The usual session time.", valueName: "HH:MM")) var sessionTime: String?
        @Option(help: "Fasting instructions for patients.") var fasting: String?
        @Option(name: .customLong("contact-phone"), help: "The number patients call (printed on handouts).") var contactPhone: String?
        @Option(name: .customLong("calendar-names"), help: "How calendar exports name patients: initials, none or full.") var calendarNames: String?
        @Option(name: .customLong("time-zone"), help: ArgumentHelp("The clinic's time zone for exported times, e.g. Europe/London ('system' for this machine's).", valueName: "ZONE"))
        var timeZone: String?
        @Option(name: .customLong("bp-urgent"), help: ArgumentHelp("A post-dose reading at or above this is critical (default 180/110).", valueName: "SYS/DIA"))
        var bpUrgent: String?
        @Option(name: .customLong("bp-rise"), help: "Systolic rise from pre-dose, in mmHg, that is a caution (5-100, default 40).") var bpRise: Int?
        @Option(name: .customLong("scoring-interval"), help: "On-demand maintenance: days between scoring visits (1-90, default 14).") var scoringInterval: Int?
        @Option(name: .customLong("ymrs-rise"), help: "YMRS rise over the patient's first YMRS that is a caution (1-60, default 4).") var ymrsRise: Int?
        @Option(help: ArgumentHelp("The CUPS printer `print --lp` uses (lpstat -e lists them); empty: CUPS's default.", valueName: "NAME"))
        var printer: String?
        @Option(help: "The paper printed on: a4, letter, or default (the printer's own).") var paper: PaperChoice?

        /// `--paper`'s values: a paper size, or the printer's own default.
        enum PaperChoice: String, ExpressibleByArgument, CaseIterable {
            case a4, letter, `default`
        }

        func run() throws {
            try checkText(name, flag: "--name")
            try checkText(fasting, flag: "--fasting", allowingLineBreaks: true)
            try checkText(contactPhone, flag: "--contact-phone")
            let ws = try Workspace(global)
            var clinic = ws.clinic
            var said: [String] = []
            if let name {
                guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--name: the clinic's name cannot be empty") }
                clinic.name = name
                said.append("name set")
            }
            if let openDays {
                var days: Swift.Set<Weekday> = []
                for part in openDays.split(separator: ",", omittingEmptySubsequences: false) {
                    guard let d = Weekday(name: String(part)) else {
                        throw ValidationError("--open-days: '\(part)' is not a weekday; use mon,tue,wed,thu,fri,sat,sun separated by commas")
                    }
                    days.insert(d)
                }
                guard !days.isEmpty else { throw ValidationError("--open-days: name at least one weekday") }
                clinic.calendar.openWeekdays = days
                said.append("open days \(days.sorted().map(\.shortName).joined(separator: ","))")
            }
            for text in closed {
                let d = try parseDay(text, flag: "--closed")
                clinic.calendar.closedDates.insert(d)
                said.append("closed \(d)")
            }
            for text in reopen {
                let d = try parseDay(text, flag: "--reopen")
                guard clinic.calendar.closedDates.remove(d) != nil else { throw ValidationError("--reopen: \(d) is not a closed date") }
                said.append("reopened \(d)")
            }
            if let chairs {
                guard (1...200).contains(chairs) else { throw ValidationError("--chairs: \(chairs) is not a number of chairs; use 1-200") }
                clinic.calendar.chairsPerDay = chairs
                said.append("chairs \(chairs)")
            }
            if let weightBasis {
                guard let b = WeightBasis(rawValue: weightBasis) else { throw ValidationError("--weight-basis: '\(weightBasis)' is not accepted; use actual, ideal or adjusted") }
                clinic.settings.weightBasis = b
                said.append("weight basis \(b.rawValue)")
            }
            if let minGap {
                guard (1...7).contains(minGap) else { throw ValidationError("--min-gap: use 1-7 days, not \(minGap)") }
                clinic.settings.twiceWeeklyMinimumGapDays = minGap
                said.append("minimum gap \(minGap) days")
            }
            if let remsCertified {
                switch remsCertified.lowercased() {
                case "yes", "true": clinic.settings.remsCertified = true
                case "no", "false": clinic.settings.remsCertified = false
                default: throw ValidationError("--rems-certified: use yes or no, not '\(remsCertified)'")
                }
                said.append("REMS certified \(clinic.settings.remsCertified ? "yes" : "no")")
            }
            if let bpUrgent {
                // The engine reads SYS/DIA as everywhere else; a threshold must also be one a
                // clinic could mean by "urgent", so its range is narrower than a reading's.
                guard let reading = try? BloodPressure(text: bpUrgent), (100...300).contains(reading.systolic), (60...200).contains(reading.diastolic) else {
                    throw ValidationError("--bp-urgent: '\(bpUrgent)' is not accepted; write SYS/DIA with systolic 100-300 and diastolic 60-200, e.g. 180/110")
                }
                let (sys, dia) = (reading.systolic, reading.diastolic)
                clinic.settings.hypertensiveUrgencySystolic = sys
                clinic.settings.hypertensiveUrgencyDiastolic = dia
                said.append("post-dose urgency at \(sys)/\(dia)")
            }
            if let bpRise {
                guard (5...100).contains(bpRise) else { throw ValidationError("--bp-rise: use 5-100 mmHg, not \(bpRise)") }
                clinic.settings.systolicRiseCaution = bpRise
                said.append("systolic rise caution \(bpRise) mmHg")
            }
            if let scoringInterval {
                guard (1...90).contains(scoringInterval) else { throw ValidationError("--scoring-interval: use 1-90 days, not \(scoringInterval)") }
                clinic.settings.onDemandScoringIntervalDays = scoringInterval
            }
            if let ymrsRise {
                guard (1...60).contains(ymrsRise) else { throw ValidationError("--ymrs-rise: use 1-60 points, not \(ymrsRise)") }
                clinic.settings.ymrsRiseCaution = ymrsRise
                said.append("YMRS rise caution \(ymrsRise) points")
            }
            if let sessionTime {
                do { clinic.sessionTime = try TimeOfDay(text: sessionTime) } catch { throw ValidationError("--session-time: \(error.description)") }
                said.append("session time \(sessionTime)")
            }
            if let fasting {
                clinic.settings.fastingInstructions = fasting
                said.append("fasting instructions set")
            }
            if let contactPhone {
                clinic.contactPhone = contactPhone.isEmpty ? nil : contactPhone
                said.append("contact phone set")
            }
            if let calendarNames {
                guard let v = ClinicFile.CalendarNames(rawValue: calendarNames) else {
                    throw ValidationError("--calendar-names: '\(calendarNames)' is not accepted; use initials, none or full")
                }
                clinic.calendarNames = v
                said.append("calendar names \(v.rawValue)")
            }
            if let printer {
                if printer.isEmpty {
                    clinic.printer = nil
                    said.append("printer: CUPS's default")
                } else {
                    do { clinic.printer = try PrinterName(printer) } catch { throw ValidationError("--printer: \(error.description)") }
                    said.append("printer \(printer)")
                }
            }
            if let paper {
                clinic.paper = Paper(rawValue: paper.rawValue)
                said.append("paper \(clinic.paper?.cupsMedia ?? "the printer's default")")
            }
            if let timeZone {
                if timeZone == "system" {
                    clinic.timeZone = nil
                } else {
                    guard TimeZone(identifier: timeZone) != nil, !ControlCharacters.contains(timeZone) else {
                        throw ValidationError("--time-zone: '\(timeZone)' is not a time zone; use an IANA name such as Europe/London or America/New_York, or 'system'")
                    }
                    clinic.timeZone = timeZone
                }
                said.append("time zone \(clinic.timeZone ?? "system")")
            }
            guard !said.isEmpty else { throw ValidationError("nothing to change: give at least one option (see --help)") }
            do { try ws.store.saveClinic(clinic) } catch { throw Failure(error.description) }
            print("Clinic updated: " + said.joined(separator: "; "))

            // Calendar changes can take away days that sessions were planned on.
            let everything = ws.store.loadAll()
            var bookings = ChairBookings(charts: everything.charts.map(\.chart), excluding: nil)
            for stored in everything.charts.sorted(by: { $0.id < $1.id }) {
                guard stored.chart.plan?.status == .active else { continue }
                let mine = stored.chart.plan?.sessions.filter { $0.status.isDose }.map(\.date) ?? []
                var others = bookings
                for d in mine { others.unbook(d) }
                let scheduler = Scheduler(context: SchedulingContext(today: ws.today, calendar: clinic.calendar, settings: clinic.settings, bookings: others))
                let update = scheduler.replanned(stored.chart)
                guard !update.changes.isEmpty, let plan = update.chart.plan else { continue }
                let lines = update.changes.map { $0.line(in: plan) }
                try ws.save(update.chart, over: stored)
                for d in mine { bookings.unbook(d) }
                for s in plan.sessions where s.status.isDose { bookings.book(s.date) }
                print("\(stored.id) \(stored.chart.patient.name): " + lines.joined(separator: "; "))
            }
        }
    }
}

extension ChairBookings {
    mutating func unbook(_ day: CalendarDay) {
        var counts = countByDay
        counts[day] = max(0, (counts[day] ?? 0) - 1)
        self = ChairBookings(countByDay: counts)
    }
}
