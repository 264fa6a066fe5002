/// Everything ketaplan keeps about one patient: who they are, their plan, their scores,
/// and the clinician's recorded decisions. The store writes one chart per file.
public struct PatientChart: Equatable, Sendable, Codable {
    public var patient: Patient
    public var plan: Plan?
    /// Scores in date order.
    public var assessments: [Assessment]
    public var reviews: [ClinicianReview]

    public init(patient: Patient, plan: Plan? = nil, assessments: [Assessment] = [], reviews: [ClinicianReview] = []) {
        self.patient = patient
        self.plan = plan
        self.assessments = assessments.sortedByDate()
        self.reviews = reviews
    }

    /// The latest review of `kind`, if any.
    public func latestReview(_ kind: ReviewKind) -> ClinicianReview? {
        reviews.filter { $0.kind == kind }.max { $0.on < $1.on }
    }

    /// Adds a score, keeping date order, and stamps its order of entry.
    public mutating func add(_ assessment: Assessment) {
        var assessment = assessment
        assessment.entry = nextEntry
        assessments.append(assessment)
        assessments = assessments.sortedByDate()
    }

    /// Adds a clinician's review and stamps its order of entry.
    public mutating func add(_ review: ClinicianReview) {
        var review = review
        review.entry = nextEntry
        reviews.append(review)
    }

    /// The entry number the next score or review gets.
    var nextEntry: Int {
        max(assessments.compactMap(\.entry).max() ?? 0, reviews.compactMap(\.entry).max() ?? 0) + 1
    }
}
