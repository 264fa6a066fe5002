/// One question of the screening done before the first session.
public enum ScreeningItem: String, CaseIterable, Codable, Sendable, Comparable {
    // Absolute contraindications on the esketamine label.
    case aneurysmalVascularDisease
    case arteriovenousMalformation
    case intracerebralHaemorrhage
    case hypersensitivity
    // Hazards on the racemic ketamine label: where a rise in blood pressure is dangerous.
    case restingBPOver180Over100
    case priorStroke
    // Relative contraindications and cautions.
    case uncontrolledHypertension
    case psychosis
    case substanceUseDisorder
    case pregnancyOrBreastfeeding
    case severeLiverImpairment
    case cystitis
    case raisedIntracranialPressure
    case untreatedHyperthyroidism

    /// How a "yes" on this item bears on planning.
    public enum Weight: Sendable {
        /// Blocks planning of esketamine; needs a clinician's acknowledgement for ketamine.
        case absolute
        /// Needs a clinician's acknowledgement before the first session.
        case relative
    }

    public var weight: Weight {
        switch self {
        case .aneurysmalVascularDisease, .arteriovenousMalformation, .intracerebralHaemorrhage,
             .hypersensitivity, .restingBPOver180Over100, .priorStroke:
            return .absolute
        default:
            return .relative
        }
    }

    /// Whether the esketamine label lists this as an absolute contraindication.
    public var isEsketamineContraindication: Bool {
        switch self {
        case .aneurysmalVascularDisease, .arteriovenousMalformation, .intracerebralHaemorrhage, .hypersensitivity:
            return true
        default:
            return false
        }
    }

    /// Whether the racemic ketamine label forbids a dose: hypersensitivity, and the items
    /// where a rise in blood pressure is a serious hazard (aneurysm, AV malformation,
    /// intracerebral haemorrhage, resting BP over 180/100, prior stroke, uncontrolled
    /// hypertension).
    public var isKetamineContraindication: Bool {
        weight == .absolute || self == .uncontrolledHypertension
    }

    /// The question as a clinician reads it.
    public var question: String {
        switch self {
        case .aneurysmalVascularDisease: return "Aneurysmal vascular disease (aortic, intracranial, peripheral)"
        case .arteriovenousMalformation: return "Arteriovenous malformation"
        case .intracerebralHaemorrhage: return "History of intracerebral haemorrhage"
        case .hypersensitivity: return "Hypersensitivity to ketamine or esketamine"
        case .restingBPOver180Over100: return "Resting blood pressure over 180/100"
        case .priorStroke: return "Prior stroke"
        case .uncontrolledHypertension: return "Uncontrolled hypertension"
        case .psychosis: return "Psychosis (current or history)"
        case .substanceUseDisorder: return "Substance use disorder"
        case .pregnancyOrBreastfeeding: return "Pregnancy or breastfeeding"
        case .severeLiverImpairment: return "Severe liver impairment (Child-Pugh C)"
        case .cystitis: return "Interstitial or ulcerative cystitis"
        case .raisedIntracranialPressure: return "Raised intracranial pressure"
        case .untreatedHyperthyroidism: return "Untreated hyperthyroidism"
        }
    }

    public static func < (lhs: ScreeningItem, rhs: ScreeningItem) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
