import ClinicEdits
import KetaplanEngine
import KetaplanRecords
import KetaplanText

/// The rules a field's text answers to beyond its kind (a date, a number), checked while
/// typing: each calls the one function the edit (through the engine) checks on saving, so
/// the form says the same words before saving that saving would.
extension FormKey {
    /// Nil when the text passes (or is not yet text this check reads: the field's kind
    /// says what is wrong with that), else the edit's own message.
    func problem(_ text: String, today: CalendarDay) -> String? {
        switch self {
        case .birth:
            guard case .success(let day) = DateInput.parse(text, today: today) else { return nil }
            do { try Patient.checkBirth(day, today: today) } catch { return error.description }
            return nil
        case .date:
            // The score form's day.
            guard case .success(let day) = DateInput.parse(text, today: today) else { return nil }
            do { try Assessment.checkDate(day, today: today) } catch { return error.description }
            return nil
        case .maintenance:
            do { _ = try MaintenancePolicy(text: text) } catch { return error.description }
            return nil
        case .monitored:
            return Int(text).flatMap(SessionRecord.minutesMonitoredProblem)
        case .cadss:
            return Int(text).flatMap(SessionRecord.cadssProblem)
        // The clinic's settings: ClinicChange's checks, as `clinic set` runs them.
        case .clinicName:
            do { try ClinicChange.checkName(text) } catch { return error.message }
            return nil
        case .openDays:
            do { try ClinicChange.checkOpenDays(Set(text.split(separator: ",").compactMap { Weekday(name: String($0)) })) } catch { return error.message }
            return nil
        case .closedDates:
            for item in Self.dateList(text) {
                do { _ = try CalendarDay(iso: item) } catch { return error.description }
            }
            return nil
        case .chairs: return ClinicChange.chairs.problem(text)
        case .minGap: return ClinicChange.minimumGap.problem(text)
        case .bpRise: return ClinicChange.systolicRise.problem(text)
        case .scoringInterval: return ClinicChange.scoringInterval.problem(text)
        case .ymrsRise: return ClinicChange.ymrsRise.problem(text)
        case .bpUrgent:
            let bp: BloodPressure
            do { bp = try BloodPressure(text: text) } catch { return error.description }
            do { try ClinicChange.checkUrgent(bp) } catch { return error.message }
            return nil
        case .timeZone:
            do { _ = try ClinicChange.timeZone(text) } catch { return error.message }
            return nil
        case .printer:
            do { _ = try PrinterName(text) } catch { return error.description }
            return nil
        default:
            return nil
        }
    }

    /// Whether `problem` reads an empty field too (the clinic's name, which `ClinicChange`
    /// refuses empty in its own words).
    var checksEmptyText: Bool { self == .clinicName || self == .openDays }

    /// Whether the field keeps tabs and line breaks: the clinic's fasting instructions,
    /// which `clinic set --fasting` takes over several lines, so a clinic.json holding
    /// them does not block the settings form.
    var allowsLineBreaks: Bool { self == .fasting }

    /// Why a one-line text the command line limits (`TextLength`: a name, a phone number,
    /// who gave a dose, each side effect) is too long, in the same words; nil when it is
    /// not. Notes are the command line's `--note`, which takes any length, so they are not
    /// limited here either (typing stops at `Reducer.fieldCharacterLimit`).
    func lengthProblem(_ value: String, label: String) -> String? {
        switch self {
        case .name, .clinicName, .contactPhone:
            return TextLength.problem(in: value, field: label)
        case .sideEffects:
            // One --side-effect per item on the command line.
            for item in value.split(separator: ",") {
                if let problem = TextLength.problem(in: String(item), field: "One side effect") { return problem }
            }
            return nil
        default:
            return nil
        }
    }

    /// The items of a typed list of dates ("2026-12-25, 2026-12-26").
    static func dateList(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
    }

    /// What the field accepts, when its kind alone would not say it well.
    var hint: String? {
        switch self {
        case .clinicName: return "required"
        case .closedDates: return "YYYY-MM-DD, ... from today on; delete one to reopen it"
        case .chairs: return Self.accepted(ClinicChange.chairs)
        case .minGap: return Self.accepted(ClinicChange.minimumGap) + " between twice-weekly esketamine sessions"
        case .bpRise: return Self.accepted(ClinicChange.systolicRise) + " systolic rise from pre-dose"
        case .scoringInterval: return Self.accepted(ClinicChange.scoringInterval) + " between on-demand scoring visits"
        case .ymrsRise: return Self.accepted(ClinicChange.ymrsRise) + " over the first YMRS"
        case .bpUrgent: return "SYS/DIA at or above which a post-dose reading is critical"
        case .timeZone: return "IANA zone, e.g. Europe/London, or system"
        case .printer: return "CUPS printer (lpstat -e); empty: CUPS's default"
        case .contactPhone: return "printed on handouts; empty: none"
        case .sessionTime: return "HH:MM"
        default: return nil
        }
    }

    static func accepted(_ setting: WholeSetting) -> String { setting.accepted + " " + setting.unit }
}
