/// DOKU's response codes in Indonesian, keyed as DokuSNAP's English table is (HTTP status × 100
/// + case code); the English titles are DOKU's own and stay in `ResponseCode.title`.
enum ResponseCodeWords {
    static let indonesian: [Int: String] = [
        20000: "Berhasil",
        20200: "Sedang diproses",
        40000: "Permintaan tidak valid",
        40001: "Format kolom tidak valid",
        40002: "Kolom wajib tidak ada",
        40100: "Tidak diizinkan",
        40101: "Token tidak valid (B2B)",
        40102: "Token pelanggan tidak valid",
        40103: "Token tidak ditemukan (B2B)",
        40104: "Token pelanggan tidak ditemukan",
        40300: "Transaksi kedaluwarsa",
        40301: "Fitur tidak diizinkan",
        40302: "Melebihi batas jumlah transaksi",
        40303: "Diduga penipuan",
        40304: "Melebihi batas jumlah aktivitas",
        40305: "Ditolak (status akun tidak normal)",
        40306: "Fitur tidak diizinkan saat ini",
        40311: "OTP diblokir",
        40312: "OTP kedaluwarsa",
        40313: "OTP dikirim ke pemegang kartu",
        40314: "Saldo tidak cukup",
        40315: "Transaksi tidak diizinkan",
        40316: "Transaksi ditangguhkan",
        40317: "Melebihi batas token",
        40318: "Kartu/akun/pelanggan tidak aktif",
        40319: "Merchant masuk daftar hitam",
        40320: "Melebihi batas merchant",
        40321: "Batas tidak boleh diatur",
        40322: "Batas token tidak valid",
        40323: "Melebihi batas akun",
        40400: "Status transaksi tidak valid",
        40401: "Transaksi tidak ditemukan",
        40402: "Rute tidak valid",
        40404: "Transaksi dibatalkan",
        40408: "Merchant tidak valid",
        40413: "Jumlah tidak valid",
        40416: "Partner tidak ditemukan",
        40418: "Permintaan tidak konsisten",
        40500: "Fungsi tidak didukung",
        40501: "Operasi tidak diizinkan",
        40900: "Konflik: X-EXTERNAL-ID sudah dipakai hari ini",
        40901: "partnerReferenceNo ganda",
        42900: "Terlalu banyak permintaan",
        50000: "Kesalahan umum",
        50001: "Kesalahan server internal",
        50002: "Kesalahan server eksternal",
        50400: "Waktu habis",
    ]

    static func indonesianFallback(_ http: Int) -> String {
        switch http {
        case 200..<300: "Berhasil"
        case 400: "Permintaan tidak valid"
        case 401: "Tidak diizinkan"
        case 403: "Ditolak"
        case 404: "Tidak ditemukan"
        case 409: "Konflik"
        case 429: "Terlalu banyak permintaan"
        case 500..<504: "Kesalahan server DOKU"
        case 504: "Waktu habis"
        default: "Kode respons tidak dikenal"
        }
    }
}
