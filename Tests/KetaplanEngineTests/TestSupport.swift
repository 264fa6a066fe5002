import KetaplanEngine

/// Parses a test date; test dates are always valid.
func day(_ text: String) -> CalendarDay {
    try! CalendarDay(iso: text)
}

extension Patient {
    /// A 45-year-old with TRD, 70 kg, screening clear.
    static func mock(
        id: String = "P-1", born: String = "1981-03-02", kg: Double = 70, heightCm: Double? = 170, sex: Sex? = .female,
        conditions: [Condition] = [.treatmentResistantDepression], screening: Screening? = nil, moodStabiliser: String? = nil
    ) -> Patient {
        try! Patient(id: PatientID(id), name: "Test Patient", dateOfBirth: day(born), sex: sex,
                     weight: WeightMeasurement(kilograms: kg, measuredOn: day("2026-01-01")), heightCm: heightCm,
                     conditions: conditions, moodStabiliser: moodStabiliser, screening: screening ?? .allClear(on: day("2026-01-01")))
    }
}

extension SchedulingContext {
    /// Mon-Fri clinic, 4 chairs, today 2026-01-05 (a Monday), horizon 2026-07-01.
    static func mock(today: String = "2026-01-05", closed: [String] = [], chairs: Int = 4, bookings: [String: Int] = [:],
                     horizon: String = "2026-07-01", settings: ClinicSettings = ClinicSettings()) -> SchedulingContext {
        var counts: [CalendarDay: Int] = [:]
        for (d, n) in bookings { counts[day(d)] = n }
        return SchedulingContext(today: day(today), calendar: ClinicCalendar(closedDates: Set(closed.map(day)), chairsPerDay: chairs),
                                 settings: settings, bookings: ChairBookings(countByDay: counts), horizon: day(horizon))
    }
}

/// A chart with a fresh plan of `protocol` starting on `start`.
func plannedChart(_ proto: TreatmentProtocol, start: String = "2026-01-05", patient: Patient = .mock(), context: SchedulingContext = .mock(),
                  maintenance: MaintenancePolicy? = nil, preferred: [Weekday] = [], assessments: [Assessment] = []) throws -> PatientChart {
    var chart = PatientChart(patient: patient, assessments: assessments)
    chart.plan = try Scheduler(context: context).makePlan(for: chart, protocol: proto, start: day(start), maintenance: maintenance, preferredWeekdays: preferred)
    return chart
}

/// Dates of the plan's sessions as ISO strings.
func dates(_ plan: Plan?, phase: PhaseKind? = nil, status: SessionStatus? = nil) -> [String] {
    (plan?.sessions ?? []).filter { (phase == nil || $0.phase == phase) && (status == nil || $0.status == status) }.map(\.date.iso)
}

func score(_ instrument: Instrument, _ value: Int, on date: String) -> Assessment {
    try! Assessment(date: day(date), instrument: instrument, score: value)
}

/// Records every planned session up to and including `through` as given with the planned dose.
func giveAll(through: String, in chart: PatientChart, context: SchedulingContext) throws -> PatientChart {
    var chart = chart
    let scheduler = Scheduler(context: context)
    while let next = chart.plan?.sessions.first(where: { $0.status == .planned && $0.date <= day(through) }) {
        chart = try scheduler.record(SessionOutcome(status: .given, record: calmRecord(on: next.date)), for: next.id, in: chart).chart
    }
    return chart
}

/// Parses a test blood pressure ("124/78").
func bp(_ text: String) -> BloodPressure {
    try! BloodPressure(text: text)
}

/// A session record with calm readings (pre-dose, 40 minutes, discharge) and the REMS facts.
func calmRecord(on date: CalendarDay, dose: Double? = nil) -> SessionRecord {
    SessionRecord(doseGivenMg: dose, bpBefore: bp("124/78"), bpAt40Minutes: bp("132/82"), bpAtDischarge: bp("122/76"),
                  minutesMonitored: 120, monitoringFormSubmittedOn: date)
}
