import TerminalUI

/// Where each pane goes for the current size. Shared by `render` and `update` (rows per page).
public struct ScreenLayout {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public let header: Rect
    public let list: Rect
    public let listBody: Rect
    public let detail: Rect
    public let log: Rect
    public let message: Rect
    public let footer: Rect
    public let tooSmall: Bool

    public init(_ state: AppState) {
        let area = Rect(x: 0, y: 0, width: state.width, height: state.height)
        tooSmall = state.width < Self.minimumWidth || state.height < Self.minimumHeight
        let rows = Layout.split(area, .vertical, [.fixed(1), .fill(1), .fixed(1), .fixed(1)])
        header = rows[0]
        message = rows[2]
        footer = rows[3]
        let none = Rect(x: 0, y: 0, width: 0, height: 0)
        let logHeight = state.zoomLog ? rows[1].height : max(6, rows[1].height / 3)
        let body = Layout.split(rows[1], .vertical, [.fill(1), .fixed(logHeight)])
        let columns = Layout.split(body[0], .horizontal, [.percentage(state.width >= 120 ? 62 : 65), .fill(1)])
        if state.zoomDetail {
            (list, detail, log) = (none, rows[1], none)
        } else {
            log = body[1]
            list = state.zoomLog ? none : columns[0]
            detail = state.zoomLog ? none : columns[1]
        }
        listBody = list.inset(by: 1)
    }
}
