/// How maintenance sessions are spaced for one patient. Chosen per patient and
/// changeable at any time; changing it re-plans the sessions not yet given.
public enum MaintenancePolicy: Equatable, Sendable, Codable, CustomStringConvertible {
    /// A session every N days.
    case fixedInterval(days: Int)
    /// Intervals that lengthen step by step (e.g. 7, 14, 21, 28 days), then stay at the last.
    case taperLadder(stepsDays: [Int])
    /// Interval moved by the patient's scores.
    case adaptive(AdaptiveMaintenance)
    /// Interval learned from how long this patient stays well after a session.
    case learnedDurability(LearnedDurability)
    /// No automatic sessions; a booster is proposed when a score shows relapse.
    case onDemand

    public var description: String {
        switch self {
        case .fixedInterval(let d): return "every \(d) days"
        case .taperLadder(let steps): return "taper: " + steps.map(String.init).joined(separator: ", ") + " days, then every \(steps.last ?? 0) days"
        case .adaptive(let a):
            return "score-driven: every \(a.startDays) days to start, \(a.minimumDays)-\(a.maximumDays) days in \(a.stepDays)-day steps (shorter on relapse, longer after \(a.lengthenAfterStable) stable scores)"
        case .learnedDurability(let l):
            return "learned durability: booster \(l.safetyMarginDays) days before the estimated median time to relapse (\(l.minimumDays)-\(l.maximumDays) days; starts from the population's \(l.priorMedianDays) days)"
        case .onDemand: return "on demand: a booster is proposed when a score shows relapse"
        }
    }

    /// The command-line text (`fixed:21`, `adaptive:7-42/7`, ...) that reads back as this very
    /// policy, or nil when its settings go beyond what that text can say (an adaptive start
    /// other than its minimum, a durability prior of its own): a form then starts empty
    /// rather than offer a text that would quietly change the policy.
    public var text: String? {
        let candidate: String
        switch self {
        case .fixedInterval(let d): candidate = "fixed:\(d)"
        case .taperLadder(let steps): candidate = "taper:" + steps.map(String.init).joined(separator: ",")
        case .adaptive(let a): candidate = "adaptive:\(a.minimumDays)-\(a.maximumDays)/\(a.stepDays)"
        case .learnedDurability(let l): candidate = "durability:\(l.safetyMarginDays)"
        case .onDemand: candidate = "on-demand"
        }
        return (try? MaintenancePolicy(text: candidate)) == self ? candidate : nil
    }

    /// Whether this is an explicit fixed interval (the clinician's own spacing).
    public var isFixedInterval: Bool {
        if case .fixedInterval = self { return true }
        return false
    }

    /// Whether this is a taper, whose interval depends on how many sessions lie ahead.
    var isTaper: Bool {
        if case .taperLadder = self { return true }
        return false
    }

    /// The text form used on the command line: `fixed:21`, `taper:7,14,21,28`,
    /// `adaptive:7-42/7` (min-max/step, starting at min), `durability` or
    /// `durability:MARGIN`, `on-demand`.
    public init(text: String) throws(MaintenancePolicyError) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let kind = parts.first?.lowercased() ?? ""
        let argument = parts.count > 1 ? parts[1] : nil
        func ints(_ s: String, separator: Character) throws(MaintenancePolicyError) -> [Int] {
            let values = s.split(separator: separator, omittingEmptySubsequences: false).map { Int($0) }
            guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 1 }) else { throw .unreadable(text) }
            return values.map { $0! }
        }
        switch kind {
        case "fixed":
            guard let argument else { throw .unreadable(text) }
            let days = try ints(argument, separator: ",")
            guard days.count == 1 else { throw .unreadable(text) }
            self = .fixedInterval(days: days[0])
        case "taper":
            guard let argument else { throw .unreadable(text) }
            self = .taperLadder(stepsDays: try ints(argument, separator: ","))
        case "adaptive":
            guard let argument else { self = .adaptive(AdaptiveMaintenance()); break }
            let slash = argument.split(separator: "/").map(String.init)
            let bounds = try ints(slash[0], separator: "-")
            guard bounds.count == 2, slash.count <= 2 else { throw .unreadable(text) }
            let step = slash.count == 2 ? try ints(slash[1], separator: ",") : [7]
            guard step.count == 1 else { throw .unreadable(text) }
            self = .adaptive(AdaptiveMaintenance(minimumDays: bounds[0], maximumDays: bounds[1], stepDays: step[0], startDays: bounds[0]))
        case "durability":
            if let argument {
                let margin = try ints(argument, separator: ",")
                guard margin.count == 1 else { throw .unreadable(text) }
                self = .learnedDurability(LearnedDurability(safetyMarginDays: margin[0]))
            } else {
                self = .learnedDurability(LearnedDurability())
            }
        case "on-demand", "ondemand":
            guard argument == nil else { throw .unreadable(text) }
            self = .onDemand
        default:
            throw .unreadable(text)
        }
        try validate()
    }

    /// Checks the numbers are usable.
    /// - Throws: `MaintenancePolicyError.invalid` saying what is wrong.
    public func validate() throws(MaintenancePolicyError) {
        switch self {
        case .fixedInterval(let d):
            guard (1...365).contains(d) else { throw .invalid("the interval must be 1-365 days") }
        case .taperLadder(let steps):
            guard !steps.isEmpty, steps.allSatisfy({ (1...365).contains($0) }) else { throw .invalid("every taper step must be 1-365 days") }
        case .adaptive(let a):
            guard a.minimumDays >= 1, a.minimumDays <= a.maximumDays, a.maximumDays <= 365, a.stepDays >= 1,
                  (a.minimumDays...a.maximumDays).contains(a.startDays), a.lengthenAfterStable >= 1
            else { throw .invalid("adaptive needs 1 <= minimum <= start <= maximum <= 365 days, a step of at least 1 day and at least 1 stable score to lengthen") }
        case .learnedDurability(let l):
            guard l.minimumDays >= 1, l.minimumDays <= l.maximumDays, l.maximumDays <= 365, (0...60).contains(l.safetyMarginDays),
                  (1...365).contains(l.priorMedianDays), (1...20).contains(l.priorWeight)
            else { throw .invalid("durability needs 1 <= minimum <= maximum <= 365 days, a margin of 0-60 days, a prior median of 1-365 days and a prior weight of 1-20") }
        case .onDemand:
            break
        }
    }

    enum CodingKeys: String, CodingKey { case kind, days, stepsDays, adaptive, learnedDurability }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        switch kind {
        case "fixedInterval": self = .fixedInterval(days: try c.decode(Int.self, forKey: .days))
        case "taperLadder": self = .taperLadder(stepsDays: try c.decode([Int].self, forKey: .stepsDays))
        case "adaptive": self = .adaptive(try c.decode(AdaptiveMaintenance.self, forKey: .adaptive))
        case "learnedDurability": self = .learnedDurability(try c.decode(LearnedDurability.self, forKey: .learnedDurability))
        case "onDemand": self = .onDemand
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown maintenance policy '\(kind)': use fixedInterval, taperLadder, adaptive, learnedDurability or onDemand")
        }
        do { try validate() } catch {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .fixedInterval(let d):
            try c.encode("fixedInterval", forKey: .kind)
            try c.encode(d, forKey: .days)
        case .taperLadder(let steps):
            try c.encode("taperLadder", forKey: .kind)
            try c.encode(steps, forKey: .stepsDays)
        case .adaptive(let a):
            try c.encode("adaptive", forKey: .kind)
            try c.encode(a, forKey: .adaptive)
        case .learnedDurability(let l):
            try c.encode("learnedDurability", forKey: .kind)
            try c.encode(l, forKey: .learnedDurability)
        case .onDemand:
            try c.encode("onDemand", forKey: .kind)
        }
    }
}
