/// A rating scale the clinic scores patients with.
///
/// Ranges, bands and thresholds follow the clinical reference (Kroenke 2001 for PHQ-9,
/// the QIDS-SR16 and GAD-7 scoring guides, esketamine trials for MADRS, PCL-5 scoring
/// guidance, the C-SSRS screener).
public enum Instrument: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case phq9
    case qids
    case madrs
    case gad7
    case pcl5
    case cssrs
    case ymrs

    /// The name a clinician reads.
    public var name: String {
        switch self {
        case .phq9: return "PHQ-9"
        case .qids: return "QIDS-SR16"
        case .madrs: return "MADRS"
        case .gad7: return "GAD-7"
        case .pcl5: return "PCL-5"
        case .cssrs: return "C-SSRS screener"
        case .ymrs: return "YMRS"
        }
    }

    public var description: String { name }

    /// Valid totals. For the C-SSRS screener the "score" is the highest item answered
    /// yes (0 = all six answered no), see `SuicideRisk`.
    public var range: ClosedRange<Int> {
        switch self {
        case .phq9, .qids: return 0...27
        case .madrs, .ymrs: return 0...60
        case .gad7: return 0...21
        case .pcl5: return 0...80
        case .cssrs: return 0...6
        }
    }

    /// Whether a lower score is better and response/remission apply (symptom scales).
    public var tracksResponse: Bool {
        switch self {
        case .phq9, .qids, .madrs, .gad7, .pcl5: return true
        case .cssrs, .ymrs: return false
        }
    }

    /// The severity band a score falls in, in the instrument's own words.
    public func band(for score: Int, settings: ClinicSettings = ClinicSettings()) -> String {
        switch self {
        case .phq9:
            switch score {
            case ..<5: return "minimal"
            case 5..<10: return "mild"
            case 10..<15: return "moderate"
            case 15..<20: return "moderately severe"
            default: return "severe"
            }
        case .qids:
            switch score {
            case ...5: return "none"
            case 6...10: return "mild"
            case 11...15: return "moderate"
            case 16...20: return "severe"
            default: return "very severe"
            }
        case .madrs:
            return score <= settings.madrsRemissionMax ? "remission range" : (score <= 34 ? "mild to moderate" : "severe")
        case .gad7:
            switch score {
            case ..<5: return "minimal"
            case 5..<10: return "mild"
            case 10..<15: return "moderate"
            default: return "severe"
            }
        case .pcl5:
            return score >= Instrument.pcl5ProbablePTSD ? "probable PTSD" : "below probable-PTSD cut-off"
        case .cssrs:
            return SuicideRisk(screenerScore: score).name
        case .ymrs:
            return score >= settings.ymrsAlertThreshold ? "possible hypomania/mania" : "below alert threshold"
        }
    }

    /// The depression scales: a response on any of them is a response.
    public static let depressionScales: [Instrument] = [.phq9, .qids, .madrs]

    /// PCL-5 total from which probable PTSD is assumed (the reference gives 31-33; the
    /// lower end is the conservative choice).
    public static let pcl5ProbablePTSD = 31

    /// Whether `score` is in remission on this instrument; nil where remission does not apply.
    public func isRemission(_ score: Int, settings: ClinicSettings = ClinicSettings()) -> Bool? {
        switch self {
        case .phq9, .gad7: return score < 5
        case .qids: return score <= 5
        case .madrs: return score <= settings.madrsRemissionMax
        case .pcl5: return score < Instrument.pcl5ProbablePTSD
        case .cssrs, .ymrs: return nil
        }
    }

    /// The highest score that still counts as remission (for marking charts); nil where
    /// remission does not apply.
    public func remissionMaximum(settings: ClinicSettings = ClinicSettings()) -> Int? {
        switch self {
        case .phq9, .gad7: return 4
        case .qids: return 5
        case .madrs: return settings.madrsRemissionMax
        case .pcl5: return Instrument.pcl5ProbablePTSD - 1
        case .cssrs, .ymrs: return nil
        }
    }

    /// Reads `phq9`, `PHQ-9`, `qids`, `gad7`, `pcl5`, `cssrs`, `madrs`, `ymrs`.
    public init?(name text: String) {
        let key = text.lowercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "phq9": self = .phq9
        case "qids", "qidssr16", "qidssr": self = .qids
        case "madrs": self = .madrs
        case "gad7": self = .gad7
        case "pcl5": self = .pcl5
        case "cssrs", "cssrsscreener": self = .cssrs
        case "ymrs": self = .ymrs
        default: return nil
        }
    }
}
