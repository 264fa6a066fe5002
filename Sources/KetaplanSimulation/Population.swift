import KetaplanEngine

/// Which published course of relapse after a ketamine series the cohort's durability is
/// drawn from. Each sets the defaults of `PatientModel`; every value can still be
/// overridden one by one.
public enum Population: String, CaseIterable, Sendable, Codable {
    /// Treatment-resistant depression after six IV infusions (Murrough et al. 2013:
    /// 70.8% responded; median time to relapse among responders 18 days).
    case murrough
    /// Real-world responders followed without maintenance (ORKA-1, Osmind): about 80%
    /// still responding at 4 weeks and 60% at 8 weeks.
    case orka
    /// PTSD after six IV infusions over two weeks (Feder et al. 2021: 67% responded;
    /// median 27.5 days to loss of response).
    case feder

    /// One line for `--help` and the docs.
    public var summary: String {
        switch self {
        case .murrough: return "TRD, IV series (Murrough 2013): 70.8% respond, median relapse 18 days"
        case .orka: return "real-world responders (ORKA-1): 80% responding at 4 weeks, 60% at 8"
        case .feder: return "PTSD, IV series (Feder 2021): 67% respond, median loss of response 27.5 days"
        }
    }
}
