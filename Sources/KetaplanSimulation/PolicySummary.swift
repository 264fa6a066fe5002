/// One policy's results over the cohort's responders, per patient-year of maintenance.
public struct PolicySummary: Equatable, Sendable, Codable {
    public var policy: String
    /// Patients who responded and entered maintenance.
    public var patients: Int
    /// Days in relapse per patient-year (pooled over the cohort).
    public var relapseDaysPerYear: Double
    /// Maintenance sessions given per patient-year (pooled).
    public var sessionsPerYear: Double
    /// Share of patients with at least one day in relapse.
    public var anyRelapseShare: Double
    /// Mean days between consecutive doses from the last induction dose on.
    public var meanIntervalDays: Double
    /// 10th and 90th percentiles across patients.
    public var relapseDaysPerYearP10: Double
    public var relapseDaysPerYearP90: Double
    public var sessionsPerYearP10: Double
    public var sessionsPerYearP90: Double
    /// Maintenance sessions missed per patient-year.
    public var missedPerYear: Double
    /// The same figures for patients grouped by their own durability (short, typical,
    /// long), so a clinician can see which policy suits which patient.
    public var byDurability: [Band]

    /// Relapse days and sessions per patient-year for one group of patients.
    public struct Band: Equatable, Sendable, Codable {
        public var name: String
        public var patients: Int
        public var relapseDaysPerYear: Double
        public var sessionsPerYear: Double
    }

    /// The durability groups: days a dose usually keeps the patient well.
    public static let bands: [(name: String, days: Range<Double>)] = [
        ("short (under 12 days)", 0..<12), ("typical (12-25 days)", 12..<25), ("long (25 days or more)", 25..<Double.infinity),
    ]

    /// Summarises the runs of one policy.
    /// - Parameter durabilities: each run's patient's own durability in days (same order).
    public init(policy: String, runs: [PatientRun], durabilities: [Double]) {
        let kept = runs.filter { $0.enteredMaintenance && $0.maintenanceDays > 0 }
        byDurability = PolicySummary.bands.map { band in
            let group = zip(runs, durabilities).filter { $0.0.enteredMaintenance && $0.0.maintenanceDays > 0 && band.days.contains($0.1) }.map(\.0)
            let years = Double(group.reduce(0) { $0 + $1.maintenanceDays }) / 365
            return Band(name: band.name, patients: group.count,
                        relapseDaysPerYear: years > 0 ? Double(group.reduce(0) { $0 + $1.relapseDays }) / years : 0,
                        sessionsPerYear: years > 0 ? Double(group.reduce(0) { $0 + $1.maintenanceSessions }) / years : 0)
        }
        self.policy = policy
        patients = kept.count
        let years = Double(kept.reduce(0) { $0 + $1.maintenanceDays }) / 365
        func perYear(_ total: Int) -> Double { years > 0 ? Double(total) / years : 0 }
        relapseDaysPerYear = perYear(kept.reduce(0) { $0 + $1.relapseDays })
        sessionsPerYear = perYear(kept.reduce(0) { $0 + $1.maintenanceSessions })
        missedPerYear = perYear(kept.reduce(0) { $0 + $1.missedSessions })
        anyRelapseShare = kept.isEmpty ? 0 : Double(kept.filter { $0.relapseDays > 0 }.count) / Double(kept.count)
        let intervals = kept.reduce(0) { $0 + $1.intervalCount }
        meanIntervalDays = intervals > 0 ? Double(kept.reduce(0) { $0 + $1.intervalDaysTotal }) / Double(intervals) : 0
        let relapse = kept.map(\.relapseDaysPerYear).sorted()
        let sessions = kept.map(\.sessionsPerYear).sorted()
        relapseDaysPerYearP10 = PolicySummary.percentile(relapse, 0.1)
        relapseDaysPerYearP90 = PolicySummary.percentile(relapse, 0.9)
        sessionsPerYearP10 = PolicySummary.percentile(sessions, 0.1)
        sessionsPerYearP90 = PolicySummary.percentile(sessions, 0.9)
    }

    /// Nearest-rank percentile of sorted values (0 when there are none).
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }

    /// Whether `other` is at least as good on both counts and better on one.
    public func isDominated(by other: PolicySummary) -> Bool {
        other.relapseDaysPerYear <= relapseDaysPerYear && other.sessionsPerYear <= sessionsPerYear
            && (other.relapseDaysPerYear < relapseDaysPerYear || other.sessionsPerYear < sessionsPerYear)
    }

    /// The goal for a personalised policy against one fixed interval: fewer days
    /// in relapse when the fixed interval uses no more sessions, and no more sessions
    /// when the fixed interval has no more days in relapse.
    public func holdsFrontierGoal(against fixed: PolicySummary) -> Bool {
        if fixed.sessionsPerYear <= sessionsPerYear, !(relapseDaysPerYear < fixed.relapseDaysPerYear) { return false }
        if fixed.relapseDaysPerYear <= relapseDaysPerYear, !(sessionsPerYear <= fixed.sessionsPerYear) { return false }
        return true
    }
}
