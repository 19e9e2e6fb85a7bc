import ArgumentParser
import Foundation
import NcursesTerminal
import TerminalUI

/// `kasir ui-gallery` (hidden): shows every widget and the theme in the real terminal.
struct GalleryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ui-gallery", abstract: t("Show every console widget in each theme."), shouldDisplay: false)

    @MainActor
    func run() async throws {
        let terminal: NcursesTerminal
        do { terminal = try NcursesTerminal.start() } catch {
            warn("kasir: \(error)")
            throw ExitCode(2)
        }
        defer { terminal.stop() }
        let loader = ThemeLoader.standard()
        var gallery = Gallery(loader: loader, depth: terminal.colorDepth)
        var lastTick = ContinuousClock.now
        while true {
            var buffer = Buffer(width: terminal.width, height: terminal.height)
            let cursor = gallery.render(into: &buffer, unicode: terminal.unicode)
            terminal.draw(buffer, cursor: cursor)
            var key = terminal.readKey()
            while key == nil {
                try await Task.sleep(for: .milliseconds(15))
                if ContinuousClock.now - lastTick > .milliseconds(120) {
                    gallery.tick += 1
                    lastTick = ContinuousClock.now
                    break
                }
                key = terminal.readKey()
            }
            guard let key else { continue }
            let visible = max(1, terminal.height - 12)
            if !gallery.handle(key, loader: loader, depth: terminal.colorDepth, visibleRows: visible) { break }
        }
    }
}
