/// The Indonesian of the CLI's help texts, keyed by their English (see `t(_:)`). A test runs
/// every command's --help in Indonesian and fails on any text missing here.
enum CLICatalog {
    static let indonesian: [String: String] = [
        #"A terminal merchant console for DOKU's DANA one-time payments."#:
            #"Konsol kasir di terminal untuk pembayaran sekali bayar DANA lewat DOKU."#,
        #"kasir asks DOKU (SNAP API) for a DANA payment, shows the customer the payment link as a QR code, receives DOKU's notification when the customer has paid, and refunds."#:
            #"kasir meminta pembayaran DANA ke DOKU (SNAP API), menampilkan tautan pembayaran kepada pelanggan sebagai kode QR, menerima notifikasi DOKU saat pelanggan sudah membayar, dan mengembalikan dana."#,
        #"The merchant console (the default command)."#:
            #"Konsol kasir (perintah bawaan)."#,
        #"Run the whole flow offline: embedded DOKU sandbox, receiver, demo database and the console."#:
            #"Jalankan seluruh alur tanpa internet: sandbox DOKU bawaan, penerima notifikasi, database demo, dan konsol."#,
        #"It opens on a shop that has been trading (a morning of sales: paid, one failed, one expired, one partly refunded). In the QR view of a demo invoice, p makes the customer pay, f fail and x let the link expire; the sandbox's customer page works from a browser too, and from a phone on the same network with --host. --autoplay plays a sale on its own, looping, for a projector; any key hands control back."#:
            #"Demo dibuka pada toko yang sudah berjualan (penjualan satu pagi: lunas, satu gagal, satu kedaluwarsa, satu dikembalikan sebagian). Di tampilan QR sebuah tagihan demo, p membuat pelanggan membayar, f gagal, dan x membiarkan tautan kedaluwarsa; halaman pelanggan sandbox juga bisa dibuka dari browser, dan dari ponsel di jaringan yang sama dengan --host. --autoplay memutar penjualan sendiri berulang-ulang, untuk proyektor; tombol apa saja mengembalikan kendali."#,
        #"Create a DANA payment and print its invoice number and payment link."#:
            #"Buat pembayaran DANA lalu cetak nomor tagihan dan tautan pembayarannya."#,
        #"Check an invoice's status with DOKU and print it."#:
            #"Tanyakan status tagihan ke DOKU lalu cetak."#,
        #"Refund part or all of a paid invoice."#:
            #"Kembalikan dana sebagian atau seluruhnya dari tagihan yang sudah lunas."#,
        #"List invoices, newest first."#:
            #"Daftar tagihan, yang terbaru lebih dulu."#,
        #"Ask DOKU about every open invoice that is due a check, and settle unknown outcomes."#:
            #"Tanyakan ke DOKU setiap tagihan terbuka yang sudah waktunya dicek, dan selesaikan hasil yang belum pasti."#,
        #"Receive DOKU's token requests and payment notifications; logs one line per notification."#:
            #"Terima permintaan token dan notifikasi pembayaran dari DOKU; satu baris log per notifikasi."#,
        #"Print the exchanges with DOKU and the notifications received, from the store (any process's)."#:
            #"Cetak pertukaran dengan DOKU dan notifikasi yang diterima, dari penyimpanan (proses mana pun)."#,
        #"Secrets were never stored: tokens and signatures appear as <redacted, N chars>. --full prints each exchange whole (headers and bodies), as the console's exchange view (o) shows it."#:
            #"Rahasia tidak pernah disimpan: token dan tanda tangan tampil sebagai <redacted, N chars>. --full mencetak setiap pertukaran utuh (header dan isi), seperti tampilan pertukaran (o) di konsol."#,
        #"The customer display (layar pelanggan) for one terminal: the amount and QR code of its sale, then the thanks. Changes nothing."#:
            #"Layar pelanggan untuk satu terminal: jumlah dan kode QR penjualannya, lalu ucapan terima kasih. Tidak mengubah apa pun."#,
        #"Open and close this terminal's shift (Mulai shift / Akhiri shift) and print its X and Z reports."#:
            #"Mulai dan akhiri shift terminal ini (Mulai shift / Akhiri shift) dan cetak Laporan X dan Z-nya."#,
        #"Open a shift on this terminal for a cashier."#:
            #"Mulai shift di terminal ini untuk seorang kasir."#,
        #"The X report: the open shift so far (changes nothing)."#:
            #"Laporan X: shift yang sedang berjalan sejauh ini (tidak mengubah apa pun)."#,
        #"Close the shift: ask DOKU once more about every open sale, then print the Z report."#:
            #"Akhiri shift: tanyakan sekali lagi ke DOKU setiap penjualan yang masih terbuka, lalu cetak Laporan Z."#,
        #"Reports for the whole shop (Laporan harian)."#:
            #"Laporan untuk seluruh toko (Laporan harian)."#,
        #"The day's report for every terminal (Asia/Jakarta day)."#:
            #"Laporan harian untuk semua terminal (hari menurut Asia/Jakarta)."#,
        #"Print the receipt (struk) of one sale, as text or ESC/POS."#:
            #"Cetak struk satu penjualan, sebagai teks atau ESC/POS."#,
        #"Run a local DOKU stand-in, or ask a running one to resend a notification or list its deliveries."#:
            #"Jalankan pengganti DOKU lokal, atau minta yang sedang berjalan mengirim ulang notifikasi atau menampilkan pengirimannya."#,
        #"Run a local DOKU stand-in (token, payment, status, refund, customer page, notifications)."#:
            #"Jalankan pengganti DOKU lokal (token, pembayaran, status, pengembalian dana, halaman pelanggan, notifikasi)."#,
        #"On first run it creates a client id, a secret and two RSA-2048 key pairs (merchant and DOKU) in --keys-dir. With --write-config it writes a kasir config file that points at it, so `KASIR_CONFIG=PATH kasir ...` talks to this sandbox. Each run has its own control token (printed at start, and written into that config): the /_sandbox/ control API refuses requests without it. Every notification delivery attempt is printed with the merchant's answer. Stop it with Ctrl-C."#:
            #"Saat pertama dijalankan ia membuat client id, secret, dan dua pasang kunci RSA-2048 (merchant dan DOKU) di --keys-dir. Dengan --write-config ia menulis file konfigurasi kasir yang mengarah ke sandbox ini, sehingga `KASIR_CONFIG=PATH kasir ...` berbicara dengan sandbox ini. Setiap kali jalan ada token kontrolnya sendiri (dicetak saat mulai, dan ditulis ke konfigurasi itu): API kontrol /_sandbox/ menolak permintaan tanpa token itu. Setiap percobaan pengiriman notifikasi dicetak bersama jawaban merchant. Hentikan dengan Ctrl-C."#,
        #"Ask the running sandbox to send an invoice's final notification again, as DOKU's back office does."#:
            #"Minta sandbox yang sedang berjalan mengirim lagi notifikasi akhir sebuah tagihan, seperti back office DOKU."#,
        #"List the running sandbox's notification delivery attempts and the merchant's answers."#:
            #"Daftar percobaan pengiriman notifikasi sandbox yang sedang berjalan dan jawaban merchant."#,
        #"Inspect kasir's configuration."#:
            #"Periksa konfigurasi kasir."#,
        #"Validate the config file and key files; explain each problem."#:
            #"Periksa file konfigurasi dan file kunci; jelaskan setiap masalah."#,
        #"Set kasir up for a DOKU account: keys, secret, config file, then a check."#:
            #"Siapkan kasir untuk akun DOKU: kunci, secret, file konfigurasi, lalu pemeriksaan."#,
        #"Without flags it asks. For scripts: --environment, --client-id, --secret-key-file (or the secret on standard input) and --doku-public-key. Nothing secret is printed."#:
            #"Tanpa flag, ia bertanya. Untuk skrip: --environment, --client-id, --secret-key-file (atau secret lewat input standar) dan --doku-public-key. Tidak ada rahasia yang dicetak."#,
        #"Move a shop's records between stores; prune the audit log."#:
            #"Pindahkan catatan toko antar penyimpanan; pangkas log audit."#,
        #"Copy a SQLite store's whole history into an empty PostgreSQL database (for a shop moving to several terminals)."#:
            #"Salin seluruh riwayat penyimpanan SQLite ke database PostgreSQL yang kosong (untuk toko yang pindah ke beberapa terminal)."#,
        #"Delete audit log entries older than [store] audit_retention (default 365d)."#:
            #"Hapus entri log audit yang lebih lama dari [store] audit_retention (bawaan 365d)."#,
        #"Only the audit log (exchanges with DOKU, refused requests) is pruned; invoices, refunds, notifications and shifts are the shop's records and are always kept. kasir listen prunes the same way every hour."#:
            #"Hanya log audit (pertukaran dengan DOKU, permintaan yang ditolak) yang dipangkas; tagihan, pengembalian dana, notifikasi, dan shift adalah catatan toko dan selalu disimpan. kasir listen memangkas dengan cara yang sama setiap jam."#,
        #"Show every console widget in each theme."#:
            #"Tampilkan setiap widget konsol dalam setiap tema."#,
        #"Config file (default: $KASIR_CONFIG or $XDG_CONFIG_HOME/kasir/config.toml)."#:
            #"File konfigurasi (bawaan: $KASIR_CONFIG atau $XDG_CONFIG_HOME/kasir/config.toml)."#,
        #"SQLite database to use instead of the configured one."#:
            #"Database SQLite yang dipakai sebagai ganti yang dikonfigurasi."#,
        #"Hide payment and refund actions (ops watching, demos on a projector)."#:
            #"Sembunyikan tindakan pembayaran dan pengembalian dana (pemantauan ops, demo di proyektor)."#,
        #"Theme name: default, light, high-contrast, mono, or one in $XDG_CONFIG_HOME/kasir/themes."#:
            #"Nama tema: default, light, high-contrast, mono, atau salah satu di $XDG_CONFIG_HOME/kasir/themes."#,
        #"No bell when a sale is paid, fails or expires (overrides [console] bell)."#:
            #"Tanpa bunyi saat penjualan lunas, gagal, atau kedaluwarsa (menggantikan [console] bell)."#,
        #"Language: id (Bahasa Indonesia) or en (English). Default: [console] language, else LANG (id_* is Indonesian)."#:
            #"Bahasa: id (Bahasa Indonesia) atau en (English). Bawaan: [console] language, jika tidak ada LANG (id_* berarti Indonesia)."#,
        #"Folder for the demo's database and keys (default: $XDG_DATA_HOME/kasir/demo; emptied at start)."#:
            #"Folder untuk database dan kunci demo (bawaan: $XDG_DATA_HOME/kasir/demo; dikosongkan saat mulai)."#,
        #"Serve the sandbox's customer pages on this address (e.g. this machine's Wi-Fi address, 192.168.1.20) so a phone that scans the QR code opens them. Default: loopback only."#:
            #"Sajikan halaman pelanggan sandbox di alamat ini (misalnya alamat Wi-Fi mesin ini, 192.168.1.20) agar ponsel yang memindai kode QR bisa membukanya. Bawaan: hanya loopback."#,
        #"Start on an empty shop instead of a morning of sales."#:
            #"Mulai dengan toko kosong, bukan penjualan satu pagi."#,
        #"Play a scripted sale on its own, looping (for a projector); any key hands control back."#:
            #"Putar penjualan berskenario sendiri, berulang-ulang (untuk proyektor); tombol apa saja mengembalikan kendali."#,
        #"Amount in whole rupiah as people type it: 150000, 150.000, Rp 150.000 or 150000,00."#:
            #"Jumlah dalam rupiah utuh seperti biasa diketik: 150000, 150.000, Rp 150.000 atau 150000,00."#,
        #"Invoice number (default: INV-YYYYMMDD-NNNN)."#:
            #"Nomor tagihan (bawaan: INV-YYYYMMDD-NNNN)."#,
        #"Order title shown to the customer in DANA."#:
            #"Judul pesanan yang dilihat pelanggan di DANA."#,
        #"How long the link stays valid, e.g. 15m, 1h (default from config)."#:
            #"Berapa lama tautan berlaku, misalnya 15m, 1h (bawaan dari konfigurasi)."#,
        #"Point of initiation: app, pc or mweb."#:
            #"Titik inisiasi: app, pc atau mweb."#,
        #"X-DEVICE-ID: letters and digits (default from config)."#:
            #"X-DEVICE-ID: huruf dan angka (bawaan dari konfigurasi)."#,
        #"The customer's IPv4 address."#:
            #"Alamat IPv4 pelanggan."#,
        #"Where DANA sends the customer after paying (http/https)."#:
            #"Ke mana DANA mengarahkan pelanggan setelah membayar (http/https)."#,
        #"Print only JSON on stdout."#:
            #"Cetak hanya JSON di stdout."#,
        #"The invoice number."#:
            #"Nomor tagihan."#,
        #"Print what the store knows without asking DOKU."#:
            #"Cetak yang diketahui penyimpanan tanpa bertanya ke DOKU."#,
        #"The invoice number (with --retry: the refund number)."#:
            #"Nomor tagihan (dengan --retry: nomor pengembalian dana)."#,
        #"Ask DOKU again about a refund whose outcome is unknown, with the same refund number (never a second refund)."#:
            #"Tanyakan lagi ke DOKU tentang pengembalian dana yang hasilnya belum pasti, dengan nomor pengembalian yang sama (tidak pernah pengembalian kedua)."#,
        #"Amount to refund in whole rupiah, e.g. 50000 or 50.000 (default: everything still refundable)."#:
            #"Jumlah yang dikembalikan dalam rupiah utuh, misalnya 50000 atau 50.000 (bawaan: semua yang masih bisa dikembalikan)."#,
        #"Why, for the records."#:
            #"Alasannya, untuk catatan."#,
        #"Refund number, DOKU's partnerRefundNo (default: <invoice>-R<n>)."#:
            #"Nomor pengembalian dana, partnerRefundNo DOKU (bawaan: <tagihan>-R<n>)."#,
        #"Only this status:"#:
            #"Hanya status ini:"#,
        #"Only invoices created on or after this date (YYYY-MM-DD, Asia/Jakarta) or time (RFC 3339)."#:
            #"Hanya tagihan yang dibuat pada atau sesudah tanggal ini (YYYY-MM-DD, Asia/Jakarta) atau waktu ini (RFC 3339)."#,
        #"Invoice number prefix or DOKU reference to look for."#:
            #"Awalan nomor tagihan atau referensi DOKU yang dicari."#,
        #"How many to list."#:
            #"Berapa banyak yang ditampilkan."#,
        #"Print CSV on stdout."#:
            #"Cetak CSV di stdout."#,
        #"Check every open invoice now, not only those due."#:
            #"Cek setiap tagihan terbuka sekarang, bukan hanya yang sudah waktunya."#,
        #"host:port to listen on (default from config, notifications.listen)."#:
            #"host:port untuk mendengarkan (bawaan dari konfigurasi, notifications.listen)."#,
        #"Run reconciliation this often (e.g. 60s; 0 turns it off)."#:
            #"Jalankan rekonsiliasi sesering ini (misalnya 60s; 0 mematikannya)."#,
        #"host:port for /metrics and /healthz, or off (default from config, notifications.metrics_listen: 127.0.0.1:8788)."#:
            #"host:port untuk /metrics dan /healthz, atau off (bawaan dari konfigurasi, notifications.metrics_listen: 127.0.0.1:8788)."#,
        #"How each notification is logged: text (one readable line) or json (one JSON object per line, for log shippers)."#:
            #"Cara setiap notifikasi dicatat: text (satu baris yang mudah dibaca) atau json (satu objek JSON per baris, untuk pengirim log)."#,
        #"Keep printing exchanges as any process stores them (Ctrl-C stops)."#:
            #"Terus cetak pertukaran saat proses mana pun menyimpannya (Ctrl-C berhenti)."#,
        #"One JSON object per line, for log shippers and jq."#:
            #"Satu objek JSON per baris, untuk pengirim log dan jq."#,
        #"Each exchange whole: headers, bodies, meaning and next step."#:
            #"Setiap pertukaran utuh: header, isi, arti, dan langkah berikutnya."#,
        #"Only this invoice's exchanges, e.g. INV-20261203-0001."#:
            #"Hanya pertukaran tagihan ini, misalnya INV-20261203-0001."#,
        #"Only exchanges since this long ago (30m, 1h, 2d) or this time (RFC 3339)."#:
            #"Hanya pertukaran sejak selama ini (30m, 1h, 2d) atau sejak waktu ini (RFC 3339)."#,
        #"Only refused notifications and token requests, and notifications kept for review."#:
            #"Hanya notifikasi dan permintaan token yang ditolak, dan notifikasi yang disimpan untuk ditinjau."#,
        #"The terminal (device id) to follow; default: [payment] device_id."#:
            #"Terminal (device id) yang diikuti; bawaan: [payment] device_id."#,
        #"Theme name: default, light, high-contrast, mono."#:
            #"Nama tema: default, light, high-contrast, mono."#,
        #"The cashier's name (1-40 characters)."#:
            #"Nama kasir (1-40 karakter)."#,
        #"Paper width in characters: 32 (58 mm) or 48 (80 mm)."#:
            #"Lebar kertas dalam karakter: 32 (58 mm) atau 48 (80 mm)."#,
        #"ESC/POS bytes for a thermal printer instead of text (with --printer, or redirect stdout to the device)."#:
            #"Byte ESC/POS untuk printer thermal, bukan teks (dengan --printer, atau arahkan stdout ke perangkat)."#,
        #"Write to this device or file (e.g. /dev/usb/lp0) instead of stdout."#:
            #"Tulis ke perangkat atau file ini (misalnya /dev/usb/lp0), bukan ke stdout."#,
        #"The day, YYYY-MM-DD in Asia/Jakarta (default: today)."#:
            #"Harinya, YYYY-MM-DD menurut Asia/Jakarta (bawaan: hari ini)."#,
        #"Address to listen on. Only loopback addresses unless --allow-remote."#:
            #"Alamat untuk mendengarkan. Hanya alamat loopback kecuali dengan --allow-remote."#,
        #"Port to listen on (0 picks a free one)."#:
            #"Port untuk mendengarkan (0 memilih yang bebas)."#,
        #"Folder for the sandbox's keys (default: $XDG_DATA_HOME/kasir/sandbox)."#:
            #"Folder untuk kunci sandbox (bawaan: $XDG_DATA_HOME/kasir/sandbox)."#,
        #"The merchant's notification URL, e.g. http://127.0.0.1:8787/v1.0/debit/notify."#:
            #"URL notifikasi merchant, misalnya http://127.0.0.1:8787/v1.0/debit/notify."#,
        #"The merchant's token URL (default: the notify URL's origin + /authorization/v1/access-token/b2b)."#:
            #"URL token merchant (bawaan: asal URL notifikasi + /authorization/v1/access-token/b2b)."#,
        #"Divide DOKU's notification retry schedule (+30 min, +6 h, +12 h) by this; 3600 makes hours seconds."#:
            #"Bagi jadwal pengiriman ulang notifikasi DOKU (+30 menit, +6 jam, +12 jam) dengan angka ini; 3600 membuat jam menjadi detik."#,
        #"Write a kasir config file for this sandbox to PATH (mode 0600)."#:
            #"Tulis file konfigurasi kasir untuk sandbox ini ke PATH (mode 0600)."#,
        #"With --write-config: replace the file if it exists."#:
            #"Dengan --write-config: ganti file jika sudah ada."#,
        #"Answer with the SNAP standard's extra keys, which DOKU's Python SDK rejects."#:
            #"Jawab dengan kunci tambahan standar SNAP, yang ditolak SDK Python DOKU."#,
        #"Payment success code: 2005400 (SNAP standard) or 2000500 (DOKU's DANA sample)."#:
            #"Kode sukses pembayaran: 2005400 (standar SNAP) atau 2000500 (contoh DANA dari DOKU)."#,
        #"Refund success code: 2005800 (SNAP standard) or 2000700 (DOKU's samples)."#:
            #"Kode sukses pengembalian dana: 2005800 (standar SNAP) atau 2000700 (contoh DOKU)."#,
        #"Status of a payment whose link expired: 05 (cancelled) or 06 (failed)."#:
            #"Status pembayaran yang tautannya kedaluwarsa: 05 (dibatalkan) atau 06 (gagal)."#,
        #"A repeated partnerReferenceNo with the same details: replay (the first answer again) or conflict (4095401)."#:
            #"partnerReferenceNo yang diulang dengan rincian yang sama: replay (jawaban pertama lagi) atau conflict (4095401)."#,
        #"How notifications are signed: asymmetric (DOKU's RSA key, as DOKU documents it) or symmetric (HMAC of the secret over a merchant token)."#:
            #"Cara notifikasi ditandatangani: asymmetric (kunci RSA DOKU, seperti dokumentasi DOKU) atau symmetric (HMAC dari secret atas token merchant)."#,
        #"Allow listening on a non-loopback address (anyone who can reach it can pay with the customer pages)."#:
            #"Izinkan mendengarkan di alamat non-loopback (siapa pun yang bisa menjangkaunya bisa membayar lewat halaman pelanggan)."#,
        #"The invoice number (partnerReferenceNo), e.g. INV-20261203-0001."#:
            #"Nomor tagihan (partnerReferenceNo), misalnya INV-20261203-0001."#,
        #"Only this invoice's attempts."#:
            #"Hanya percobaan untuk tagihan ini."#,
        #"Also ask the configured DOKU for a B2B token: proves the client id, the merchant key and the clock."#:
            #"Minta juga token B2B ke DOKU yang dikonfigurasi: membuktikan client id, kunci merchant, dan jam."#,
        #"With --online: the notification URL registered at DOKU, checked against where kasir listens."#:
            #"Dengan --online: URL notifikasi yang terdaftar di DOKU, dicocokkan dengan tempat kasir mendengarkan."#,
        #"sandbox (api-sandbox.doku.com) or production (api.doku.com)."#:
            #"sandbox (api-sandbox.doku.com) atau production (api.doku.com)."#,
        #"With --environment custom: the DOKU base URL (a kasir sandbox, e.g. http://127.0.0.1:9000)."#:
            #"Dengan --environment custom: URL dasar DOKU (sandbox kasir, misalnya http://127.0.0.1:9000)."#,
        #"DOKU's Client ID, e.g. BRN-0239-1736742088036 (DOKU Dashboard › Settings › API Keys)."#:
            #"Client ID DOKU, misalnya BRN-0239-1736742088036 (DOKU Dashboard › Settings › API Keys)."#,
        #"A file holding DOKU's Secret Key; without it the key is asked for (not echoed) or read from standard input."#:
            #"File berisi Secret Key DOKU; tanpa ini kunci ditanyakan (tidak ditampilkan) atau dibaca dari input standar."#,
        #"DOKU's public key (PEM) as downloaded from DOKU Dashboard › Settings › API Keys; can be added later."#:
            #"Kunci publik DOKU (PEM) seperti diunduh dari DOKU Dashboard › Settings › API Keys; bisa ditambahkan nanti."#,
        #"Folder for the keys (default: beside the config, keys/)."#:
            #"Folder untuk kunci (bawaan: di samping konfigurasi, keys/)."#,
        #"Config file to write (default: $KASIR_CONFIG or $XDG_CONFIG_HOME/kasir/config.toml)."#:
            #"File konfigurasi yang ditulis (bawaan: $KASIR_CONFIG atau $XDG_CONFIG_HOME/kasir/config.toml)."#,
        #"The shop's page DANA sends the customer back to (urlParam), e.g. https://shop.example/thanks."#:
            #"Halaman toko tempat DANA mengembalikan pelanggan (urlParam), misalnya https://shop.example/thanks."#,
        #"Replace an existing config and keys."#:
            #"Ganti konfigurasi dan kunci yang sudah ada."#,
        #"The SQLite database to copy from, e.g. ~/.local/share/kasir/kasir.sqlite."#:
            #"Database SQLite sumber salinan, misalnya ~/.local/share/kasir/kasir.sqlite."#,
        #"The PostgreSQL database to copy to, e.g. postgresql://kasir@db:5432/kasir (no password in it)."#:
            #"Database PostgreSQL tujuan salinan, misalnya postgresql://kasir@db:5432/kasir (tanpa kata sandi di dalamnya)."#,
        #"A 0600 file holding the PostgreSQL password (default: KASIR_STORE_PASSWORD, else none)."#:
            #"File 0600 berisi kata sandi PostgreSQL (bawaan: KASIR_STORE_PASSWORD, jika tidak ada, tanpa kata sandi)."#,
        #"Delete entries older than this instead (e.g. 90d; at least 1d)."#:
            #"Hapus entri yang lebih lama dari ini (misalnya 90d; paling sedikit 1d)."#,
        #"Say how many entries would be deleted; delete nothing."#:
            #"Sebutkan berapa entri yang akan dihapus; jangan hapus apa pun."#,
        #"`kasir sandbox` runs a local DOKU stand-in so everything works offline."#:
            #"`kasir sandbox` menjalankan pengganti DOKU lokal sehingga semuanya berjalan tanpa internet."#,
        #"Environment (sandbox or production) [sandbox]: "#:
            #"Lingkungan (sandbox atau production) [sandbox]: "#,
        #"DOKU Client ID (Dashboard › Settings › API Keys): "#:
            #"Client ID DOKU (Dashboard › Settings › API Keys): "#,
        #"DOKU Secret Key (not shown as you type): "#:
            #"Secret Key DOKU (tidak tampil saat diketik): "#,
    ]
}
