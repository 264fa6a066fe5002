/// A treatment protocol: route, phases and review points. Built-in ones are in
/// `BuiltInProtocols`; clinics can define their own as data.
public struct TreatmentProtocol: Equatable, Sendable, Codable, Identifiable {
    public var id: ProtocolID
    public var name: String
    public var route: Route
    public var phases: [ProtocolPhase]
    public var reviewPoints: [ReviewPoint]
    /// The maintenance policy a new plan starts with (nil: the protocol has no maintenance).
    public var defaultMaintenance: MaintenancePolicy?
    /// Where the protocol comes from (papers, label).
    public var source: String

    public init(
        id: ProtocolID, name: String, route: Route, phases: [ProtocolPhase], reviewPoints: [ReviewPoint],
        defaultMaintenance: MaintenancePolicy?, source: String
    ) {
        self.id = id
        self.name = name
        self.route = route
        self.phases = phases
        self.reviewPoints = reviewPoints
        self.defaultMaintenance = defaultMaintenance
        self.source = source
    }

    /// The phase of a kind, if the protocol has one.
    public func phase(_ kind: PhaseKind) -> ProtocolPhase? { phases.first { $0.kind == kind } }

    /// Whether the protocol goes on into maintenance.
    public var hasMaintenance: Bool { phase(.maintenance) != nil }

    /// Checks that the protocol can be scheduled.
    /// - Throws: `ProtocolError` naming the first problem.
    public func validate() throws(ProtocolError) {
        guard !phases.isEmpty else { throw .noPhases(id) }
        for (index, phase) in phases.enumerated() {
            guard phase.sessionsPerWeek >= 1, phase.sessionsPerWeek <= 7 else {
                throw .invalidPhase(id, phase.kind, "sessionsPerWeek must be 1-7")
            }
            if let gap = phase.minimumDaysBetween, !(1...60).contains(gap) {
                throw .invalidPhase(id, phase.kind, "minimumDaysBetween must be 1-60 days")
            }
            if phase.length == .openEnded, index != phases.count - 1 {
                throw .invalidPhase(id, phase.kind, "only the last phase may be open-ended")
            }
            if phase.kind == .maintenance, phase.length != .openEnded {
                throw .invalidPhase(id, phase.kind, "the maintenance phase is open-ended (its spacing comes from the maintenance policy)")
            }
            switch phase.dose {
            case .perKilogram(let r):
                guard r.mgPerKg > 0, r.minimumMgPerKg > 0, r.minimumMgPerKg <= r.mgPerKg, r.mgPerKg <= r.maximumMgPerKg, r.maximumMgPerKg <= 5 else {
                    throw .invalidPhase(id, phase.kind, "mg/kg must satisfy 0 < minimum <= dose <= maximum <= 5")
                }
            case .fixed(let r):
                guard r.stepMg > 0, !r.allowedMg.isEmpty, r.allowedMg.contains(r.usualMg),
                      r.allowedMg.allSatisfy({ $0 > 0 && $0 % r.stepMg == 0 }),
                      r.firstSessionMg.map({ r.allowedMg.contains($0) || $0 == r.olderAdultStartMg }) ?? true
                else {
                    throw .invalidPhase(id, phase.kind, "fixed doses must be positive multiples of the step, and the usual and first doses must be allowed values")
                }
            }
        }
    }
}

/// Why a protocol cannot be used.
public enum ProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    case noPhases(ProtocolID)
    case invalidPhase(ProtocolID, PhaseKind, String)
    case unknown(String, known: [ProtocolID])

    public var description: String {
        switch self {
        case .noPhases(let id): return "protocol \(id) has no phases: give it at least an induction phase"
        case .invalidPhase(let id, let kind, let why): return "protocol \(id), \(kind) phase: \(why)"
        case .unknown(let text, let known):
            return "no protocol '\(text)': known protocols are \(known.map(\.rawValue).joined(separator: ", "))"
        }
    }
}
