"""Requests a region says it never makes: the red flags of a pasted message.

A region (``region.yml``) and an agency may state "Kami tidak pernah ..." (:class:`Never`).
:func:`findings` reads a message for a REQUEST of one of them (a code asked for, money to a
person's account, a fee for a free service or for aid, a donation, a fee for a job) and answers
one finding per statement, verdict "fake", in the region's (or agency's) own words with the
phrase of the message that asked.

Which statements apply: the region's to every message (the checker is the region's), and an
agency's to a message that names that agency (:func:`generator.registry.vectors.mentions`: a
message claiming to be from the agency, or about it); a statement neither declared never fires.
When both declared one, the agency named is the one quoted. ``apk`` has no rule here: an app
file in a message is PALSU already (``vectors.APK_FILE``). Free text (``never_text``) is shown on
pages and posters but not matched: it has no fixed meaning to read.

Requests, not mentions: a rule's phrase does not count when its clause (up to the previous
comma, colon or bracket, and the phrase itself) holds a negation or condition ("jangan
berikan kode OTP", "tidak dipungut biaya", "jika ada yang meminta"; but "kalau mau ..." is an
offer), words reported ("tetangga bilang bayar 100rb") or a request described ("pesan ...
yang meminta donasi"), or its sentence holds a warning word ("waspada", "penipu", "modus",
"calo", "hoaks"), or its sentence is a question with no asking word ("ada biaya admin nya gak
ya?"; "bisa bantu berapa saja?" still asks). A holder that begins with a title ("atas nama
Wakil Bupati") is on whose behalf, not an account; a donation whose sentence sends it to an
institution that collects them ("ke rekening BAZNAS", "melalui BAZNAS", "lewat UPZ") is no
appeal of the region's. Verbs, pronouns and number words of Sundanese and Javanese are read
beside Indonesian ("kintunkeun ka abdi", "kirimno neng aku", "nyuwun sumbangan", "20 rebu").
The rules are data
(:func:`rules_table`, shipped in the checker index) that checker.js compiles as they are, so
both languages run the same regular expressions: ASCII classes only (Python ``re.ASCII``; no
``\\s``, whose Unicode meaning differs in JavaScript), linear (a bounded word between bounded
gaps of disjoint classes; no nested quantifier that can split a run two ways), at most
:data:`TRIES` phrases tried per statement. Tuned on ``tests/corpora/never_requests_dev.yml``
and, in a second round, on ``tests/corpora/never_independent.yml`` (written blind to the
rules, measured held-out once: 46/63 requests, 4/54 mentions; no longer held out); measured
on the held-out ``tests/corpora/never_requests.yml``.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from generator.registry.official import Never

SP = r"[ \t\u00a0]"  # a gap inside a line (JavaScript's \s would take more)
W = r"[^ \t\u00a0\n\r.,:;!?()]{1,30}"  # one word, bounded
TRIES = 50  # phrases tried per statement: bounded work on a long message
AGENCY_NEVER = 7  # position of the ``never`` field in an agency row (pages.finder_index)


def _words(words: str) -> str:
    """Whole words, "|" between them; a space inside one is any gap ("kasih tau")."""
    return r"\b(?:" + words.replace(" ", SP + "+") + r")\b"


# --- what a code is
_SECRET = (
    r"(?:(?:(?:kode|kd)" + SP + r"+)?(?:otp|one" + SP + r"?-?time" + SP + r"?-?password)"
    r"|(?:kode|kd)" + SP + r"+(?:verifikasi|verif|aktivasi|rahasia|keamanan|konfirmasi|"
    r"pembatalan|undian|voucher|unik|akses|login|sms|wa|whatsapp)"
    r"|(?:kode|kd)" + SP + r"+(?:yg|yang)" + SP + r"+(?:(?:baru|barusan|tadi)" + SP + r"+)?"
    r"(?:masuk|dikirim|diterima|terkirim|muncul)"
    r"|(?:kode|kd)" + SP + r"+(?:[0-9]|enam)" + SP + r"*(?:digit|angka)"
    r"|(?:[0-9]|enam)" + SP + r"*digit"
    r"|pin(?!" + SP + r"+(?:lokasi|loc|location|maps|peta|point)\b)"
    r"|password|passcode|kata" + SP + r"+sandi|cvv|cvc)(?:nya)?\b"
)
# Sundanese (kintun "send", pasihan "give", wartosan "tell", teraskeun "forward") and Javanese
# ngoko/krama (-no/-ke/-na/-aken: kirimno, wenehke "give", sebutno, terusno)
_REGIONAL_GIVE = (
    "kintunkeun|kintunken|kintun|dikintunkeun|kirimkeun|pasihan|pasihkeun|bejakeun|wartosan|"
    "sebatkeun|teraskeun|kirimno|kirimke|kirimna|kirimaken|kintunaken|kintunke|wenehno|"
    "wenehke|wenehna|paringke|paringaken|sebutno|sebutke|sebutna|terusno|teruske|terusna|"
    "aturke|aturaken"
)
_GIVE = _words(
    "kirim|kirimkan|kirimin|kirimi|krm|krmkan|krmin|mengirim|mengirimkan|sebut|"
    "sebutkan|sebutin|menyebutkan|beri|berikan|memberikan|kasih tau|kasih tahu|"
    "kasi tau|kasih liat|kasihkan|ksh|bagikan|membagikan|share|forward|teruskan|"
    "terusin|meneruskan|infokan|infoin|informasikan|beri tahu|beritahu|beritahukan|"
    "bacakan|bacain|membacakan|balas|bales|balaskan|bls|fotokan|fotoin|difotokan|screenshot|ss|"
    "minta|meminta|salin|salinkan|tuliskan|serahkan|tunjukkan|tunjukan|spill|dikirim|"
    "dikirimkan|disebutkan|diberikan|dibagikan|diteruskan|diinfokan|" + _REGIONAL_GIVE
)
# "kasih" alone is a giving verb too, but not in "terima kasih".
_KASIH = r"(?<!terima )(?<!trima )\b(?:kasih|kasi)\b"
_PASSIVE = (
    r"(?:di)?(?:kirim|krm|sebut|kasih|share|forward|terus|info|foto|screenshot|salin|serah|"
    r"baca|bagi|balas)(?:kan|in|i)?\b"
)
_NOT_MID = r"(?!(?:yang|yg|akan|sudah|telah|sedang|bisa|dapat)\b)"
# "to me": Indonesian, Sundanese (ka abdi, ka kuring) and Javanese (neng/nang/menyang aku,
# dhateng/teng kula)
_TO_ME = (
    r"(?:ke" + SP + r"*sini|kesini|mriki|(?:ke|kpd|kepada|ka|neng|nang|menyang|marang|dateng|"
    r"dhateng|teng|ning)" + SP + r"+(?:(?:nomor|nomer|no|wa|whatsapp|hp)" + SP + r"+)?"
    r"(?:saya|sy|aku|kami|admin|petugas|operator|abdi|kuring|simkuring|kula|kulo|dalem|ini))\b"
)
# A gap that may cross a comma (not a sentence): the code named in one clause, the verb in the
# next ("nanti masuk SMS kode verifikasi 6 digit, tolong kirim ke nomor sy").
_GAP_CLAUSE = r"[ \t\u00a0,]"
# The word just before that verb may not make it a description ("kode OTP yang dikirim ke
# nomor ini", Javanese "sing", Sundanese "nu", "ingkang").
_NOT_LAST = r"(?!(?:yang|yg|sing|ingkang|nu|anu|akan|sudah|telah|sedang|bisa|dapat|tidak|tdk)\b)"
OTP = [
    # "kirimkan kode OTP", "sebutkan 6 digit kode verifikasi", "balas pesan ini dengan kode OTP"
    # (up to six words between: "balas pesan ini dgn NIK + kode OTP")
    r"(?:" + _GIVE + "|" + _KASIH + r")(?:" + SP + r"+" + W + r"){0,6}?" + SP + r"+\b" + _SECRET,
    # "kode OTP nya tolong dikirim", "kode verifikasinya dikirim ke sini"
    r"\b"
    + _SECRET
    + r"(?:"
    + SP
    + r"+"
    + _NOT_MID
    + W
    + r"){0,3}?"
    + SP
    + r"+(?:tolong|tlg|mohon|segera|harap|cepat|langsung|silakan|silahkan|bantu)"
    + SP
    + r"+"
    + _PASSIVE,
    # "kode OTP sing mlebu neng hp sampeyan kirimno neng aku", "ada kode OTP masuk lwt sms,
    # tolong diteruskan ke nomor ini": the code, then in its sentence a giving verb to me
    r"\b"
    + _SECRET
    + r"(?:(?:"
    + _GAP_CLAUSE
    + r"+"
    + W
    + r"){0,7}?"
    + _GAP_CLAUSE
    + r"+"
    + _NOT_LAST
    + W
    + r")?"
    + _GAP_CLAUSE
    + r"+(?:"
    + _GIVE
    + "|"
    + _PASSIVE
    + r")"
    + SP
    + r"+"
    + _TO_ME,
]

# --- money
# (rebu, ewu, yuta: "thousand", "million" in Sundanese and Javanese)
_AMOUNT = (
    r"(?:rp\.?" + SP + r"*[0-9][0-9.,]{0,12}(?:" + SP + r"*(?:rb|ribu|rebu|ewu|jt|juta|yuta)\b)?"
    r"|[0-9][0-9.,]{0,12}" + SP + r"*(?:(?:rb|ribu|rbu|rebu|ewu|k|jt|juta|yuta)\b|%)"
    r"|[0-9]{1,3}(?:\.[0-9]{3})+)"
)
_FEE_KIND = (
    r"(?:admin|adm|administrasi|pendaftaran|daftar|pencairan|aktivasi|verifikasi|pengurusan|"
    r"jasa|pemasangan|proses|materai|meterai|pelicin|percepatan|pengiriman|registrasi|layanan|"
    r"cetak|blangko|transport|transportasi|bensin|rokok|tebusan|jaminan|pembuatan)\b"
)
# A fee by its name: asked whatever the message is about ("biaya administrasi", "bayar admin").
_ADMIN = r"(?:admin|adm|administrasi|pendaftaran|pencairan|aktivasi|verifikasi|registrasi|pelicin|percepatan)\b"
FEE_NAMED = [
    r"\b(?:biaya|byaya|uang)" + SP + r"+" + _ADMIN,
    r"\b(?:bayar|membayar|dibayar)" + SP + r"+(?:biaya" + SP + r"+)?(?:admin|adm|administrasi)\b",
    r"\b(?:admin|adm|administrasi)" + SP + r"+(?:sebesar" + SP + r"+)?" + _AMOUNT,
]
# Any other fee or sum: asked only about aid or a service that is free ("biaya jasa Rp 250.000"
# for an akta, "biaya Rp 200rb" for a KTP).
FEE = [
    r"\b(?:biaya|byaya|uang|ongkos)" + SP + r"+" + _FEE_KIND,
    r"\b(?:biaya|byaya|ongkos|tarif|mahar|imbalan|iuran|pungutan|bayar|membayar|mbayar|mayar|"
    r"setor|setorkan|tebus|ditebus|nebus|menebus)(?:"
    + SP
    + r"+"
    + W
    + r"){0,3}?"
    + SP
    + r"+"
    + _AMOUNT,
]
# A sum to get ready or send, with no fee word: asked only about a job ("jd CPNS tinggal
# siapin 150jt", Javanese "siapke 10 juta", "transfer uang pengamanan Rp 15jt", "80jt nego").
_SUM_VERB = (
    r"(?:siap|siapkan|siapin|siapke|siapno|siapake|nyiapke|nyiapno|nyiapin|nyiapkeun|sediakan|"
    r"sediain|nyediakan|transfer|tf|trf|transferkan|setor|setorkan|kirim|kirimkan|bawa|modal)"
)
JOB_MONEY = [
    *FEE_NAMED,
    *FEE,
    _words("mahar|pelicin|sogok|sogokan|tebusan|uang muka|dp"),
    r"\b" + _SUM_VERB + r"(?:" + SP + r"+" + W + r"){0,3}?" + SP + r"+" + _AMOUNT,
    _AMOUNT + SP + r"+(?:nego|bisa" + SP + r"+nego|dp|cash|tunai|lunas)\b",
]
AID = _words(
    "bansos|bantuan|pkh|bpnt|blt|pip|kip|kks|dtks|sembako|hibah|subsidi|pencairan|ktp|"
    "e-ktp|ektp|ktp-el|ktp el|kk|kartu keluarga|akta|akte|kia|ikd|adminduk|dukcapil|"
    "disdukcapil|kependudukan|gratis|prakerja|imunisasi|vaksin|posyandu|"
    "program pemerintah"
)
JOB = _words(
    "cpns|pppk|p3k|asn|pns|honorer|nip|formasi|rekrutmen|lowongan|loker|"
    "tenaga kontrak|tenaga honorer|pengangkatan|diangkat|kelulusan|lulus|jalur khusus|"
    "jalur dalam|jalur prestasi|mutasi|seleksi"
)

# --- a person's account: the holder's name, an e-wallet number, "rekening pribadi"
_HOLDER = (
    r"(?:\ba\.?"
    + SP
    + r"?n\b\.?|\ba/n\b|\batas"
    + SP
    + r"+nama\b)"
    + SP
    + r"*:?"
    + SP
    + r"*([A-Za-z][A-Za-z'\-]{0,20}\.?(?:"
    + SP
    + r"+[A-Za-z][A-Za-z'\-]{0,20}\.?){0,3})"
)
PERSONAL = [
    _HOLDER,
    r"\b(?:dana|ovo|gopay|go-pay|shopeepay|linkaja)\b"
    + SP
    + r"*:?"
    + SP
    + r"*(?:0|\+?62)[0-9][0-9 \-]{6,16}[0-9]",
    r"\b(?:rekening|rek|norek)" + SP + r"+(?:pribadi|saya|sy|aku)\b",
]
INSTITUTION = _words(
    "pemerintah|pemkab|pemkot|pemprov|pemda|pemdes|kabupaten|kab|kota|provinsi|prov|"
    "dinas|dinkes|dinsos|badan|bapenda|bpkad|bpkpd|rkud|kas|daerah|negara|bendahara|"
    "rsud|rumah sakit|puskesmas|desa|kelurahan|kecamatan|bumdes|bumdesa|bumd|baznas|"
    "laz|lazis|lazisnu|lazismu|yayasan|pt|cv|koperasi|masjid|mushola|musholla|gereja|"
    "vihara|pura|pondok|ponpes|pesantren|panitia|bpjs|pln|pdam|perumda|bank|sekolah|"
    "madrasah|kementerian|kantor|lembaga|universitas|tbk|persero|upt|uptd|sekretariat|"
    "setda|dprd|polres|polsek|samsat"
)
# A holder that begins with an office's title names on whose behalf, not an account: "pesan
# berantai atas nama Wakil Bupati" (a name with a title later, "a.n. Bantuan Rumah Ibadah
# Bupati Contoh", is still read as a holder).
TITLE = (
    r"^(?:(?:bapak|bpk|pak|ibu|bu)\.?"
    + SP
    + r"+)?(?:wakil|bupati|walikota|wali"
    + SP
    + r"+kota|gubernur|sekda|camat|lurah|kades|presiden|menteri|kepala)\b"
)
PAY = _words(
    "transfer|tf|trf|transferkan|ditransfer|kirim|krm|kirimkan|dikirim|setor|setorkan|"
    "disetor|bayar|bayarkan|dibayar|membayar|pembayaran|kembalikan|talangi|sumbangan|"
    "donasi|infaq|infak|rekening|rek|norek"
)

# Money sent, not paid at a counter: with a fee by its name, a request ("transfer biaya admin").
TRANSFER = _words(
    "transfer|tf|trf|transferkan|ditransfer|setor|setorkan|disetor|disetorkan|kirim uang|"
    "kirimkan uang"
)

# --- a donation asked for
DONATION = [
    _words(
        "sumbangan|sumbang|menyumbang|menyumbangkan|nyumbang|donasi|donasikan|berdonasi|infaq|"
        "infak|sedekah|sodaqoh|shodaqoh|sadaqah|urunan|galang dana|penggalangan dana|"
        "sumbangsih|uluran tangan"
    ),
    # help with money asked for, with no donation word: "minta tolong bantuan dana utk
    # renovasi pesantren", "mohon partisipasi dana"; "bisa bantu berapa saja?"
    r"\b(?:bantuan|partisipasi|bantu)"
    + SP
    + r"+(?:dana|uang|materi|finansial|berapa|seikhlasnya|semampunya|seadanya|sukarela)\b",
]
# What makes a donation word an appeal: asking, collecting ("sedang menggalang donasi",
# "mengumpulkan bantuan") or paying, in Indonesian, Javanese (nyuwun, njaluk, monggo) and
# Sundanese (menta, nyuhunkeun, mangga).
ASK = _words(
    "mohon|minta|meminta|dimohon|memohon|mengajak|ajak|silakan|silahkan|transfer|tf|"
    "kirim|kirimkan|salurkan|setor|setorkan|bantu|bantuannya|harap|diharapkan|"
    "partisipasi|seikhlasnya|ulurkan|tolong|menggalang|galang|mengumpulkan|kumpulkan|"
    "menghimpun|nyuwun|njaluk|monggo|mangga|menta|nyuhunkeun|neda|ngempelkeun|ngumpulkeun"
)
# A donation given to an institution that collects them, not to a person: "transfer ke
# rekening BAZNAS", "silakan melalui BAZNAS Kab Contoh", "lewat UPZ masjid", "ke rekening
# resmi" (an account named in the message is still read by personal_account).
DONEE = (
    r"\b(?:ke|melalui|lewat|via|kepada|ka)"
    + SP
    + r"+(?:(?:rekening|rek|norek|posko|kantor|loket|amil)"
    + SP
    + r"+)?(?:resmi|baznas|laz|lazis|lazisnu|lazismu|upz|pmi|bpbd|lembaga"
    + SP
    + r"+resmi|kas"
    + SP
    + r"+daerah)\b"
)
PAY_TO = (
    r"\b(?:rekening|rek|norek|bri|bni|bca|mandiri|bsi|btn|dana|ovo|gopay|shopeepay|linkaja)\b"
    r"[^0-9\n]{0,20}[0-9][0-9 .\-]{5,}"
)

# --- requests that are not: negations and conditions before the phrase, warnings around it
# A negation, a condition, someone else's words reported ("tetangga bilang bayar 100rb",
# Javanese "jarene", Sundanese "cenah") or a request described ("pesan ... yang meminta
# donasi"). A condition on the reader's wish is an offer, not a hypothesis: "kalau mau jd CPNS
# ... tinggal siapin 150jt" counts.
_WISH = r"(?!" + SP + r"+(?:mau|mo|ingin|pengen|pengin|berminat|minat)\b)"
NEGATION = (
    _words(
        "jangan|jgn|tidak|tdk|tak|bukan|gak|ga|nggak|enggak|ngga|gk|tanpa|dilarang|"
        "larangan|hindari|seandainya|andaikan|abaikan|menolak|tolak|melarang|usah|"
        "bilang|katanya|kabarnya|konon|jarene|cenah|ceunah|kata orang|kata tetangga|"
        "dengar-dengar|denger-denger|yang meminta|yg meminta|yang minta|yg minta|"
        "yang menawarkan|yg menawarkan|yang menjanjikan|yg menjanjikan|yang mengaku|yg mengaku"
    )
    + "|"
    + _words("jika|jikalau|apabila|bila|kalau|kalo|klo")
    + _WISH
)
# A question, not a request: a sentence ending in "?" that holds no asking word ("ada biaya
# admin nya gak ya?"); "boleh minta tolong kode verifikasi ...?", "bisa bantu berapa saja?"
# still ask.
REQUEST_WORD = _words(
    "bisa|bisakah|boleh|bolehkah|tolong|tlg|mohon|minta|mau|maukah|silakan|silahkan|"
    "bantu|harap|segera|nyuwun|mangga|monggo|please|plis|pls"
)
WARNING = _words(
    "waspada|waspadai|waspadalah|hati-hati|hati2|berhati-hati|awas|penipu|penipuan|"
    "menipu|tipu|modus|hoaks|hoax|calo|oknum|pelaku(?!\\W{1,3}usaha)|pungli|mengatasnamakan|mencatut|"
    "dicatut|imbau|mengimbau|himbau|menghimbau|diimbau|dihimbau|mengingatkan|"
    "peringatan|laporkan|palsu"
)
# Titles a holder's name may start with, written with a full stop ("a.n. dr. Budi", "Hj. Siti");
# vectors.py reads payment accounts' holders with the same list.
HOLDER_TITLES = ("dr", "drg", "drs", "dra", "ir", "hj", "h", "prof", "st")


# A full stop before a space ends a sentence, but not one after a single letter ("a.n. Budi",
# "H. Sutrisno"), a title ("Prof. Agus") or "Rp" ("Rp. 150.000"): the holder and the sum stay
# in the phrase.
_STOP = (
    r"(?<![ .][A-Za-z])(?<![Rr]p)"
    + "".join(rf"(?<!\b{t})" for t in HOLDER_TITLES if len(t) > 1)  # "Prof. Agus", "Hj. Siti"
    + r"\.(?=[ \t\r\n])"
)
SENTENCE_END = r"[!?;\n]|" + _STOP
CLAUSE_END = r"[!?;\n,:()]|" + _STOP

# Words of a message that speaks as, or about, a government office, an official or a public
# service. A request for money to a person's account without any of them (nor an office the
# message names) may be a landlady's rent as well as a hijacked friend's "loan": it is told
# to be checked first (``soft``), not called PALSU.
OFFICIAL = _words(
    "pemerintah|pemkab|pemkot|pemprov|pemda|pemdes|dinas|kadis|kabid|kabag|kasi|kasubag|"
    "dinkes|dinsos|dukcapil|disdukcapil|bupati|wabup|walikota|wali kota|gubernur|camat|"
    "sekcam|kecamatan|lurah|kelurahan|kades|kepala desa|sekdes|perangkat desa|sekda|setda|"
    "sekretaris daerah|bapenda|bpkad|satpol|pajak|pbb|retribusi|denda|tilang|samsat|bpjs|"
    "instansi|kominfo|puskesmas|rsud|rs|rumah sakit|dokter|perawat|bidan|petugas|pejabat|"
    "dprd|polisi|polres|polsek|kejaksaan|pengadilan|ktp|kk|akta|sertifikat|izin|perizinan|"
    "pelayanan|layanan|program|proyek|pengadaan|resmi|negara|daerah|kabupaten|kota|desa|"
    "balai|upt|uptd|kantor|berobat|pengobatan|pasien|operasi|rawat inap"
)

# Each statement's rules: [pattern, what the whole message must also hold ("" nothing)]. The
# first phrase in the text that is a request wins.
RULES: dict[str, list[list[str]]] = {
    Never.OTP.value: [[p, ""] for p in OTP],
    Never.PERSONAL_ACCOUNT.value: [[p, "pay"] for p in PERSONAL],
    # A fee by its name counts about aid or a free service, or sent by transfer or into an
    # account: a bank's "biaya administrasi Rp 2.500" for paying a tax at its counter is none.
    Never.FREE_SERVICE_FEE.value: [[p, "fee"] for p in FEE_NAMED] + [[p, "aid"] for p in FEE],
    Never.DONATION.value: [[p, ""] for p in DONATION],
    Never.JOB_FEE.value: [[p, "job"] for p in JOB_MONEY],
}
# A statement that yields to another when the message holds this: a fee asked for a job is
# job_fee, not free_service_fee.
UNLESS = {Never.FREE_SERVICE_FEE.value: "job"}
_FLAGS = re.IGNORECASE | re.ASCII


# The named patterns the rules test besides their own, as checker.js receives and compiles them.
PATTERNS: dict[str, str] = {
    "aid": AID,
    "job": JOB,
    "institution": INSTITUTION,
    "title": TITLE,
    "pay": PAY,
    "ask": ASK,
    "pay_to": PAY_TO,
    "transfer": TRANSFER,
    "official": OFFICIAL,
    "donee": DONEE,
    "negation": NEGATION,
    "request_word": REQUEST_WORD,
    "warning": WARNING,
    "sentence_end": SENTENCE_END,
    "clause_end": CLAUSE_END,
}


def rules_table() -> dict[str, Any]:
    """The rules as data for checker.js (compiled there with the flag ``i``)."""
    return {"order": list(RULES), "rules": RULES, "unless": UNLESS, **PATTERNS, "tries": TRIES}


_RULES = {k: [(re.compile(p, _FLAGS), needs) for p, needs in v] for k, v in RULES.items()}
_RE = {name: re.compile(src, _FLAGS) for name, src in PATTERNS.items()}


_GAP = re.compile(r"[ \t\u00a0\n\r]+")
_EDGES = re.compile(r"^[ \t\u00a0\n\r]+|[ \t\u00a0\n\r.,;:!?)]+$")  # no "$" before a last "\n"


def _ends(pattern: re.Pattern[str], text: str) -> list[int]:
    return [m.start() for m in pattern.finditer(text)]


def _around(ends: list[int], start: int, end: int, size: int) -> tuple[int, int]:
    """The span between the boundary before ``start`` and the first at or after ``end``."""
    i = bisect.bisect_left(ends, start)
    left = ends[i - 1] + 1 if i else 0
    j = bisect.bisect_left(ends, end)
    return left, ends[j] if j < len(ends) else size


def _holder(name: str) -> str:
    """A holder's name as written: its first word, then the words in capitals after it
    ("Rina Marlina agar kartu" is "Rina Marlina"), up to a word that ends a sentence
    ("Sutrisno. Bls pesan ini" is "Sutrisno."; an initial or a title, "H. Sutrisno",
    "dr. Budi", "Prof. Agus", goes on)."""
    words = name.split(" ")
    kept = [words[0]]
    for word in words[1:]:
        last = kept[-1]
        ended = last.endswith(".") and len(last) > 2 and last[:-1].lower() not in HOLDER_TITLES
        if not re.match("[A-Z]", word) or ended:
            break
        kept.append(word)
    return " ".join(kept)


def requests(text: str, keys: list[str]) -> list[tuple[str, int, str]]:
    """(statement, where, phrase) of each statement in ``keys`` the text asks for: the first
    phrase of its rules, in the order of the text, that is a request (see the module)."""
    sentences = _ends(_RE["sentence_end"], text)
    clauses = _ends(_RE["clause_end"], text)
    has = {
        name: bool(_RE[name].search(text)) for name in ("aid", "job", "pay", "pay_to", "transfer")
    }
    has["fee"] = has["aid"] or has["pay_to"] or has["transfer"]
    found: list[tuple[str, int, str]] = []
    for key in keys:
        if key not in _RULES:
            continue
        if key in UNLESS and has[UNLESS[key]]:
            continue
        best: tuple[int, str] | None = None
        for pattern, needs in _RULES[key]:
            if needs and not has[needs]:
                continue
            tries = 0
            for m in pattern.finditer(text):
                if best is not None and m.start() >= best[0]:
                    break
                tries += 1
                if tries > TRIES:
                    break
                end = m.end()
                if m.lastindex and m.group(1) is not None:  # a holder: the name as written
                    name = _holder(m.group(1))
                    if _RE["title"].search(name) or (
                        not name.lower().startswith(("saya", "sy "))
                        and _RE["institution"].search(name)
                    ):
                        continue
                    end = m.start(1) + len(name)
                c_start, c_end = _around(clauses, m.start(), m.start(), len(text))
                s_start, s_end = _around(sentences, m.start(), end, len(text))
                if _RE["negation"].search(text[c_start:end]):
                    continue
                sentence = text[s_start:s_end]
                if _RE["warning"].search(sentence):
                    continue
                if text[s_end : s_end + 1] == "?" and not _RE["request_word"].search(sentence):
                    continue  # a question
                if key == Never.DONATION.value and (
                    _RE["donee"].search(sentence)
                    or not (_RE["ask"].search(sentence) or has["pay_to"])
                ):
                    continue
                phrase = text[c_start : max(c_end, end)]
                if len(_GAP.split(phrase)) > 30:
                    phrase = text[m.start() : end]
                best = (m.start(), _EDGES.sub("", phrase))
                break
        if best is not None:
            found.append((key, best[0], best[1]))
    return sorted(found, key=lambda f: f[1])


def findings(index: dict[str, Any], text: str, claimed: list[int]) -> list[dict[str, Any]]:
    """The red flags of a message: one per statement of the region, or of an agency the
    message names (``claimed``), that it asks for; verdict "fake", except ``soft`` (see
    :data:`OFFICIAL`)."""
    never = index.get("never") or {}
    texts = never.get("texts") or {}
    owner: dict[str, int | None] = {}
    agencies = index.get("agencies") or []
    for a in claimed:
        row = agencies[a] if 0 <= a < len(agencies) else None
        stated = row[AGENCY_NEVER] if row and len(row) > AGENCY_NEVER else None
        for key in (stated or [[]])[0]:
            owner.setdefault(key, a)
    for key in (never.get("region") or [[]])[0]:
        owner.setdefault(key, None)
    keys = [k for k in RULES if k in owner and k in texts]
    out = []
    official = bool(claimed) or any(_RE[name].search(text) for name in ("official", "aid", "job"))
    for key, _, phrase in requests(text, keys):
        agency = owner[key]
        by = never.get("by") or "Pemerintah daerah"
        if agency is not None:
            by = agencies[agency][0]
        out.append(
            {
                "kind": "never",
                "never": key,
                "agency": agency,
                "by": by,
                "statement": "Kami tidak pernah " + texts[key],
                "text": phrase,
                "matches": [],
                # a person's account asked for by no office: verdict "unknown", check first
                "soft": key == Never.PERSONAL_ACCOUNT.value and not official,
            }
        )
    return out
