import CNcurses
import NcursesTerminal
import Testing
import TerminalUI

@Suite struct KeyDecoderTests {
    @Test func charactersControlsAndFunctionKeys() {
        let ok = Int32(OK)
        let keyCode = Int32(KEY_CODE_YES)
        let table: [(Int32, UInt32, Key)] = [
            (ok, 0x61, .character("a")), (ok, 0xE9, .character("é")), (ok, 0x65E5, .character("日")), (ok, 32, .character(" ")),
            (ok, 13, .enter), (ok, 10, .enter), (ok, 9, .tab), (ok, 127, .backspace), (ok, 8, .backspace), (ok, 3, .ctrl("c")), (ok, 1, .ctrl("a")),
            (ok, 21, .ctrl("u")), (keyCode, UInt32(KEY_UP), .up), (keyCode, UInt32(KEY_DOWN), .down), (keyCode, UInt32(KEY_LEFT), .left),
            (keyCode, UInt32(KEY_RIGHT), .right), (keyCode, UInt32(KEY_HOME), .home), (keyCode, UInt32(KEY_END), .end),
            (keyCode, UInt32(KEY_PPAGE), .pageUp), (keyCode, UInt32(KEY_NPAGE), .pageDown), (keyCode, UInt32(KEY_DC), .delete),
            (keyCode, UInt32(KEY_IC), .insert), (keyCode, UInt32(KEY_BTAB), .backTab), (keyCode, UInt32(KEY_BACKSPACE), .backspace),
            (keyCode, UInt32(KEY_ENTER), .enter), (keyCode, UInt32(KEY_RESIZE), .resize), (keyCode, UInt32(KEY_F0 + 1), .function(1)),
            (keyCode, UInt32(KEY_F0 + 12), .function(12)),
        ]
        for (status, code, key) in table {
            #expect(KeyDecoder.decode(status: status, code: code) == key, "code \(code)")
        }
        #expect(KeyDecoder.decode(status: Int32(ERR), code: 0) == nil)
        #expect(KeyDecoder.decode(status: keyCode, code: 0o777) == nil)
    }

    @Test func escapeAloneOrAsAlt() {
        #expect(KeyDecoder.decode(status: Int32(OK), code: 27) == .escape)
        #expect(KeyDecoder.decode(status: Int32(OK), code: 27, next: { (Int32(OK), 0x66) }) == .alt("f"))
        #expect(KeyDecoder.decode(status: Int32(OK), code: 27, next: { (Int32(KEY_CODE_YES), UInt32(KEY_UP)) }) == .escape)
    }
}
