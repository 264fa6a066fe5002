import ClinicEdits
import KetaplanEngine
import KetaplanRecords

/// Everything the screen shows, as one value. Keys and I/O results are actions that a
/// pure reducer turns into the next state; rendering reads it and nothing else.
public struct AppState: Equatable, Sendable {
    public var today: CalendarDay
    /// The instant exports are stamped with (`WallClock`, read by the runtime before each
    /// key, as the command line reads it once per command); the reducer never reads a clock.
    public var now: Instant
    public var clinic: ClinicFile
    public var summaries: [PatientSummary]
    /// Files that did not load (shown on the overview; they are never overwritten).
    public var problems: [String]
    /// Why clinic.json did not load (nil: it did). `clinic` is then the defaults, which
    /// the screen never presents as the clinic's: the overview and agenda say this instead,
    /// and the settings form does not open, until the watch finds the file fixed.
    public var clinicProblem: String?
    public var width: Int
    public var height: Int
    public var glyphs: Glyphs
    public var user: String
    /// Screens in the order they were opened; the last is shown. The first is the overview.
    public var screens: [Screen]
    public var overlay: Overlay?
    /// The message on the line above the status bar; every one set is also kept in
    /// `messageLog`.
    public var message: Message? {
        didSet {
            guard let message else { return }
            messageLog.append(message)
            if messageLog.count > Self.messageLogLimit { messageLog.removeFirst(messageLog.count - Self.messageLogLimit) }
        }
    }
    /// The session's last messages, oldest first: `:` shows them in full, so a message cut
    /// on the status line, or gone with the next key, can still be read.
    public var messageLog: [Message] = []
    public static let messageLogLimit = 100
    public var undoStack: [UndoEntry] = []
    public var redoStack: [UndoEntry] = []
    /// A save in flight; keys that would start another wait for it.
    public var saving: Bool = false
    /// What a save running off the screen's thread says of its progress (a clinic change
    /// re-planning many charts), shown on the status line while `saving`.
    public var savingProgress: String?
    /// An edit to apply again once a reloaded chart arrives (after a save conflict).
    public var reapply: (id: PatientID, edit: ChartEdit)?
    public var quit: Bool = false
    /// Where print previews and exports propose to save files.
    public var exportFolder: String = "exports"
    /// Derived from the summaries; rebuilt or patched whenever they change.
    public var index: ClinicIndex
    /// How far loading has come (tests and commands start `.checked`).
    public var load: LoadStage = .checked
    /// A recovered form's draft waiting for its patient's chart to load.
    public var pendingRecovery: FormDraft?

    public init(today: CalendarDay, clinic: ClinicFile, summaries: [PatientSummary], problems: [String], width: Int, height: Int,
                glyphs: Glyphs = .unicode, user: String = "clinician", now: Instant? = nil) {
        self.today = today
        // Without a clock reading (tests), the start of today in UTC.
        self.now = now ?? Instant(secondsSince1970: Int64(today.daysSinceEpoch) * 86_400)
        self.clinic = clinic
        self.summaries = summaries
        self.problems = problems
        self.width = width
        self.height = height
        self.glyphs = glyphs
        self.user = user
        index = ClinicIndex(summaries: summaries, today: today)
        screens = [.overview(OverviewState())]
    }

    public static func == (a: AppState, b: AppState) -> Bool {
        a.today == b.today && a.now == b.now && a.clinic == b.clinic && a.summaries == b.summaries && a.problems == b.problems && a.width == b.width
            && a.height == b.height && a.glyphs == b.glyphs && a.screens == b.screens && a.overlay == b.overlay && a.message == b.message && a.messageLog == b.messageLog
            && a.undoStack == b.undoStack && a.redoStack == b.redoStack && a.saving == b.saving && a.savingProgress == b.savingProgress && a.quit == b.quit
            && a.reapply?.id == b.reapply?.id && a.reapply?.edit == b.reapply?.edit && a.pendingRecovery == b.pendingRecovery && a.load == b.load
    }

    /// The smallest terminal the layout works in.
    public static let minimumWidth = 60
    public static let minimumHeight = 18

    public var current: Screen { screens[screens.count - 1] }

    /// Page sizes and where each screen's parts go at this size: the reducer pages and
    /// clamps with them, the renderer draws with them.
    public var metrics: ScreenMetrics { ScreenMetrics(width: width, height: height) }

    /// The open form, if the top screen is one.
    public var form: FormState? {
        if case .form(let f) = current { return f }
        return nil
    }

    /// Every open form (a form may sit under another screen only briefly; kept general).
    public var openForm: FormState? { screens.lazy.reversed().compactMap { if case .form(let f) = $0 { return f } else { return nil } }.first }

    /// The scheduling context for a patient: other plans' chairs count, this one's do not.
    public func context(for id: PatientID?) -> SchedulingContext {
        SchedulingContext(today: today, calendar: clinic.calendar, settings: clinic.settings,
                          bookings: index.bookings(excluding: id.flatMap { id in summaries.first { $0.id == id } }))
    }

    /// The chart of patient `id` if a patient screen holds it.
    public func stored(_ id: PatientID) -> StoredChart? {
        for screen in screens.reversed() {
            if case .patient(let p) = screen, p.id == id, let s = p.stored { return s }
        }
        return nil
    }
}
