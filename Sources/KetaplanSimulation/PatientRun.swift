/// What happened to one patient under one policy over the simulated days.
public struct PatientRun: Equatable, Sendable {
    /// Whether the patient responded to induction and went on to maintenance.
    public var enteredMaintenance: Bool
    /// Days from the day after the last induction dose to the end of the run.
    public var maintenanceDays: Int
    /// Maintenance days on which the patient was in relapse.
    public var relapseDays: Int
    /// Maintenance doses given.
    public var maintenanceSessions: Int
    /// Maintenance sessions the patient missed.
    public var missedSessions: Int
    /// Sum and count of the days between consecutive doses from the last induction dose on.
    public var intervalDaysTotal: Int
    public var intervalCount: Int

    public init(enteredMaintenance: Bool = false, maintenanceDays: Int = 0, relapseDays: Int = 0, maintenanceSessions: Int = 0,
                missedSessions: Int = 0, intervalDaysTotal: Int = 0, intervalCount: Int = 0) {
        self.enteredMaintenance = enteredMaintenance
        self.maintenanceDays = maintenanceDays
        self.relapseDays = relapseDays
        self.maintenanceSessions = maintenanceSessions
        self.missedSessions = missedSessions
        self.intervalDaysTotal = intervalDaysTotal
        self.intervalCount = intervalCount
    }

    /// Relapse days per year of maintenance.
    public var relapseDaysPerYear: Double { maintenanceDays > 0 ? Double(relapseDays) * 365 / Double(maintenanceDays) : 0 }
    /// Maintenance sessions per year of maintenance.
    public var sessionsPerYear: Double { maintenanceDays > 0 ? Double(maintenanceSessions) * 365 / Double(maintenanceDays) : 0 }
}
