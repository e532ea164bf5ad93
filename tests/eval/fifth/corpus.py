"""The fifth corpus: support-tool responses in shape families the other corpora do not cover.

generate(seed) -> list of {path, content_type, body, shape, personal: [{type, value}], decoys: [{class, value}]}
Every labelled value is an exact substring of its body.
"""

from __future__ import annotations

import base64
import json
import re
import string
import urllib.parse
from random import Random

from tests.eval.fifth import values as V

SEED = 5050505

# ---------------------------------------------------------------------------------------------
# the document under construction
# ---------------------------------------------------------------------------------------------


class Doc:
    def __init__(self, r: Random, shape: str):
        self.r = r
        self.shape = shape
        self.personal: list[dict] = []
        self.decoys: list[dict] = []
        self.people: list[dict] = []
        self.langs: set[str] = set()
        self.path = "/"
        self.content_type = "application/json"
        self.body = ""

    # -- labelling ----------------------------------------------------------------------------
    def P(self, typ: str, value: str) -> str:
        value = str(value)
        if value and not any(x["value"] == value for x in self.personal):
            self.personal.append({"type": typ, "value": value})
        return value

    def D(self, cls: str, value: str) -> str:
        value = str(value)
        if value and not any(x["value"] == value for x in self.decoys):
            self.decoys.append({"class": cls, "value": value})
        return value

    # -- people -------------------------------------------------------------------------------
    def person(self, cc: str | None = None) -> dict:
        p = V.make_person(self.r, cc)
        self.people.append(p)
        return p

    def name(self, p: dict, style: str | None = None) -> str:
        return self.P("PERSON", V.render_name(self.r, p, style))

    def given(self, p: dict) -> str:
        return p["given"]  # a bare given name is not labelled (roles may show first names)

    def family(self, p: dict, latn: bool = False) -> str:
        v = p["family_latn"] if latn else p["family"]
        return (
            self.P("PERSON", v) if len(v) >= 2 else v
        )  # a one-character surname (李, 김) alone is not measurable

    def email(self, p: dict) -> str:
        return self.P("EMAIL_ADDRESS", p["email"])

    def phone(self, p: dict, second: bool = False) -> str:
        return self.P("PHONE_NUMBER", p["phone2"] if second else p["phone"])

    def dob(self, p: dict, lang: str | None = None, style: str | None = None) -> str:
        return self.P("DATE_OF_BIRTH", V.fmt_date(self.r, p["dob"], lang or p["lang"], style))

    def street(self, p: dict) -> str:
        return self.P("STREET_ADDRESS", p["address"]["line1"])

    def addr(self, p: dict) -> str:
        return self.P("STREET_ADDRESS", p["address"]["full"])

    def nid(self, p: dict) -> str:
        kind, v = p["national_id"]
        return self.P("US_SSN" if kind == "SSN" else "NATIONAL_ID", v)

    def passport(self, p: dict) -> str:
        return self.P("PASSPORT", p["passport"])

    def dl(self, p: dict) -> str:
        return self.P("DRIVER_LICENSE", p["dl"])

    def iban(self, p: dict, style: str | None = None) -> str:
        v = p["iban"] or V.iban(self.r, self.r.choice(["DE", "FR", "NL", "ES", "LT"]))
        return self.P("IBAN_CODE", V.fmt_iban(self.r, v, style))

    def card(self, p: dict, style: str | None = None) -> str:
        return self.P("CREDIT_CARD", V.fmt_card(self.r, p["card"], style))

    def account(self, p: dict) -> str:
        b = p["bank"]
        if "clabe" in b:
            return self.P("BANK_ACCOUNT", b["clabe"])
        if "iban" in b:
            return self.P("IBAN_CODE", b["iban"])
        return self.P("BANK_ACCOUNT", b["account"])

    def ip(self, p: dict) -> str:
        return self.P("IP_ADDRESS", p["ip"])

    def user(self, p: dict) -> str:
        return self.P("USERNAME", p["username"])

    def wallet(self, kind: str | None = None) -> tuple[str, str]:
        a, asset = V.wallet(self.r, kind)
        return self.P("CRYPTO_WALLET", a), asset

    # -- decoys -------------------------------------------------------------------------------
    def uuid(self) -> str:
        return self.D("uuid", V.d_uuid(self.r))

    def order(self) -> str:
        return self.D("order_id", V.d_order(self.r))

    def ticket(self) -> str:
        return self.D("ticket_id", V.d_ticket(self.r))

    def ts(self, style: str | None = None) -> str:
        return self.D("timestamp", V.d_timestamp(self.r, style))

    def ts_ms(self) -> str:
        return self.D("timestamp", str(int(V.d_timestamp(self.r, "epoch")) * 1000 + self.r.randint(0, 999)))

    def amount(self, cur: str | None = None) -> str:
        return self.D("amount", V.d_amount(self.r, cur))

    def txh(self, chain: str = "btc") -> str:
        return self.D("tx_hash", V.tx_hash(self.r, chain))

    def sku(self) -> str:
        return self.D("sku", V.d_sku(self.r))

    def tracking(self) -> str:
        return self.D("tracking_number", V.d_tracking(self.r))

    def host(self) -> str:
        return self.D("hostname", V.d_host(self.r))

    def err(self) -> str:
        return self.D("error_code", V.d_error(self.r))

    def version(self) -> str:
        return self.D("version", V.d_version(self.r))

    def build(self) -> str:
        return self.D("build_number", V.d_build(self.r))

    def colour(self) -> str:
        return self.D("hex_colour", V.d_hex_colour(self.r))

    def company(self) -> str:
        return self.D("company_name", self.r.choice(V.COMPANIES))

    def product(self) -> str:
        return self.D("product_name", self.r.choice(V.PRODUCTS))

    def region(self) -> tuple[str, str]:
        code, city = self.r.choice(V.REGIONS)
        return self.D("region_code", code), self.D("region_city", city)

    def bic(self) -> str:
        return self.D("bic", self.r.choice(V.BICS))

    def cur(self) -> str:
        return self.D("currency_code", self.r.choice(V.CURRENCIES))

    def cc(self, code: str) -> str:
        return self.D("country_code", code)

    def trace(self) -> str:
        return self.D("trace_id", V.d_trace(self.r))

    def invoice(self) -> str:
        return self.D("invoice_number", V.d_invoice(self.r))

    def hexid(self, n: int = 32) -> str:
        return self.D("record_id", V.rbytes(self.r, n // 2).hex())

    def rid(self, prefix: str = "", n: int = 10) -> str:
        alpha = string.ascii_letters + string.digits
        return self.D("record_id", prefix + "".join(self.r.choice(alpha) for _ in range(n)))

    # -- finishing ------------------------------------------------------------------------------
    def finish(self) -> dict:
        body = self.body
        pers = [x for x in self.personal if x["value"] in body]
        missing = [x for x in self.personal if x["value"] not in body]
        if missing:
            raise AssertionError(f"{self.shape}: labelled values not in body: {missing[:3]}")
        # a decoy must not sit inside a personal value, nor equal a person's city / name part
        spoil = set()
        for p in self.people:
            spoil |= {
                p["address"]["city"],
                p["address"]["postcode"],
                p["address"]["region"],
                p["given"],
                p["family"],
                p["cc"],
            }
        dec = []
        for d in self.decoys:
            v = d["value"]
            if v not in body:  # e.g. only in the path
                continue
            if v in spoil or any(v in x["value"] or x["value"] in v for x in pers):
                continue
            dec.append(d)
        return {
            "path": self.path,
            "content_type": self.content_type,
            "body": body,
            "shape": self.shape,
            "personal": pers,
            "decoys": dec,
            "langs": sorted(self.langs | {p["lang"].split("_")[0] for p in self.people}),
        }


def dumps(r: Random, obj, style: str | None = None) -> str:
    style = style or r.choice(["pretty", "compact", "pretty4", "compact"])
    if style == "pretty":
        return json.dumps(obj, ensure_ascii=False, indent=2)
    if style == "pretty4":
        return json.dumps(obj, ensure_ascii=False, indent=4)
    return (
        json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
        if r.random() < 0.5
        else json.dumps(obj, ensure_ascii=False)
    )


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


# ---------------------------------------------------------------------------------------------
# phrasebook: what customers write, in their languages
# ---------------------------------------------------------------------------------------------

T: dict[str, list[str]] = {
    "en": [
        "Hi, this is {name}. My order {order} never arrived. You can reach me on {phone} after 6pm.",
        "I moved last month, please update my address to {addr}. Thanks, {name}",
        "Someone used my card {card} for a purchase I didn't make. Please block it ASAP.",
        "Why is my withdrawal to {wallet} still pending?? It's been 3 days.",
        "For verification: my date of birth is {dob} and my SSN/ID is {nid}.",
        "Please send the refund to my bank account {iban} instead of the card.",
        "I can't log in anymore, my new email is {email} - old one was hacked.",
        "Attached my passport, number {passport}. Name on it: {name}. DOB {dob}.",
    ],
    "en_US": [
        "hey it's {name}, call me at {phone} re: order {order}",
        "Please ship the replacement to {addr}.",
        "my card ending... actually full number is {card}, exp {exp}, pls check the charge",
        "Withdrawal to {wallet} hasn't shown up. tx says {tx}",
        "DOB {dob}, last 4 of SSN won't work so here's the full one: {nid}",
        "Wire the funds to routing {routing} account {acct} please",
        "New email: {email}. Old phone {phone} is disconnected.",
        "DL number is {dl}, issued in my name {name}.",
    ],
    "de": [
        "Hallo, hier ist {name}. Meine Bestellung {order} ist nie angekommen. Erreichbar unter {phone}.",
        "Ich bin umgezogen, neue Anschrift: {addr}. Viele Grüße, {name}",
        "Meine Karte {card} wurde für eine Zahlung benutzt, die ich nicht gemacht habe!",
        "Warum hängt meine Auszahlung an {wallet} immer noch?",
        "Zur Verifizierung: geboren am {dob}, Ausweis-/Steuernummer {nid}.",
        "Bitte überweisen Sie die Erstattung auf mein Konto {iban}.",
        "Ich komme nicht mehr rein, meine neue E-Mail lautet {email}.",
        "Reisepass Nr. {passport} liegt bei, ausgestellt auf {name}.",
    ],
    "fr": [
        "Bonjour, c'est {name}. Ma commande {order} n'est jamais arrivée. Vous pouvez m'appeler au {phone}.",
        "J'ai déménagé, ma nouvelle adresse : {addr}. Cordialement, {name}",
        "Ma carte {card} a été débitée pour un achat que je n'ai pas fait.",
        "Pourquoi mon retrait vers {wallet} est toujours en attente ?",
        "Pour la vérification : je suis né(e) le {dob}, numéro de sécu {nid}.",
        "Merci de rembourser sur mon compte {iban} plutôt que sur la carte.",
        "Je n'arrive plus à me connecter, ma nouvelle adresse mail est {email}.",
        "Ci-joint mon passeport n° {passport} au nom de {name}.",
    ],
    "es": [
        "Hola, soy {name}. Mi pedido {order} no ha llegado. Mi móvil es {phone}.",
        "Me he mudado, la nueva dirección es {addr}. Saludos, {name}",
        "Han usado mi tarjeta {card} para una compra que no hice.",
        "¿Por qué sigue pendiente mi retiro a {wallet}?",
        "Para la verificación: fecha de nacimiento {dob}, DNI/ID {nid}.",
        "Por favor, devuelvan el dinero a mi cuenta {iban}.",
        "No puedo entrar, mi nuevo correo es {email}.",
        "Adjunto mi pasaporte número {passport}, a nombre de {name}.",
    ],
    "it": [
        "Buongiorno, sono {name}. L'ordine {order} non è mai arrivato. Il mio cellulare è {phone}.",
        "Ho cambiato casa, il nuovo indirizzo è {addr}. Grazie, {name}",
        "Qualcuno ha usato la mia carta {card} per un acquisto non mio.",
        "Perché il prelievo verso {wallet} è ancora in sospeso?",
        "Per la verifica: sono nato il {dob}, codice {nid}.",
        "Vi prego di rimborsare sul mio conto {iban}.",
        "Non riesco ad accedere, la mia nuova email è {email}.",
        "Allego il passaporto n. {passport} intestato a {name}.",
    ],
    "pt": [
        "Olá, aqui é {name}. Meu pedido {order} não chegou. Meu celular: {phone}.",
        "Mudei de endereço, o novo é {addr}. Abraço, {name}",
        "Usaram meu cartão {card} numa compra que eu não fiz.",
        "Por que meu saque para {wallet} ainda está pendente?",
        "Para verificação: nasci em {dob}, CPF/documento {nid}.",
        "Por favor, façam o reembolso na minha conta {iban}.",
        "Não consigo entrar, meu novo e-mail é {email}.",
        "Segue meu passaporte nº {passport} em nome de {name}.",
    ],
    "nl": [
        "Hoi, met {name}. Mijn bestelling {order} is nooit aangekomen. Bel me op {phone}.",
        "Ik ben verhuisd, nieuw adres: {addr}. Groet, {name}",
        "Mijn kaart {card} is gebruikt voor een aankoop die ik niet heb gedaan.",
        "Waarom staat mijn opname naar {wallet} nog steeds open?",
        "Ter verificatie: geboren op {dob}, BSN {nid}.",
        "Graag het geld terugstorten op {iban}.",
        "Ik kan niet inloggen, mijn nieuwe e-mail is {email}.",
        "Bijgevoegd mijn paspoort, nummer {passport}, op naam van {name}.",
    ],
    "pl": [
        "Dzień dobry, tu {name}. Zamówienie {order} nie dotarło. Mój numer: {phone}.",
        "Przeprowadziłem się, nowy adres: {addr}. Pozdrawiam, {name}",
        "Ktoś użył mojej karty {card} do zakupu, którego nie robiłem.",
        "Dlaczego wypłata na {wallet} wciąż czeka?",
        "Do weryfikacji: data urodzenia {dob}, PESEL {nid}.",
        "Proszę o zwrot na konto {iban}.",
        "Nie mogę się zalogować, nowy e-mail to {email}.",
        "W załączniku paszport nr {passport}, wystawiony na {name}.",
    ],
    "tr": [
        "Merhaba, ben {name}. {order} numaralı siparişim gelmedi. Telefonum: {phone}.",
        "Taşındım, yeni adresim: {addr}. Teşekkürler, {name}",
        "Kartım {card} benim yapmadığım bir alışverişte kullanılmış.",
        "{wallet} adresine çekimim neden hâlâ beklemede?",
        "Doğrulama için: doğum tarihim {dob}, TC kimlik no {nid}.",
        "Lütfen iadeyi {iban} hesabıma yapın.",
        "Giriş yapamıyorum, yeni e-postam {email}.",
        "Pasaport numaram {passport}, adı {name}.",
    ],
    "ru": [
        "Здравствуйте, это {name}. Заказ {order} так и не пришёл. Мой телефон {phone}.",
        "Я переехал, новый адрес: {addr}. С уважением, {name}",
        "С моей карты {card} списали деньги за покупку, которую я не совершал.",
        "Почему вывод на {wallet} до сих пор в обработке?",
        "Для верификации: дата рождения {dob}, документ {nid}.",
        "Верните, пожалуйста, деньги на счёт {iban}.",
        "Не могу войти, моя новая почта {email}.",
        "Прикладываю паспорт № {passport}, владелец {name}.",
    ],
    "uk": [
        "Добрий день, це {name}. Замовлення {order} так і не надійшло. Мій телефон {phone}.",
        "Я переїхала, нова адреса: {addr}. Дякую, {name}",
        "З моєї картки {card} списали гроші за покупку, якої я не робила.",
        "Чому виведення на {wallet} досі в обробці?",
        "Для верифікації: дата народження {dob}, РНОКПП {nid}.",
        "Поверніть, будь ласка, кошти на рахунок {iban}.",
        "Не можу увійти, моя нова пошта {email}.",
        "Додаю паспорт № {passport} на ім'я {name}.",
    ],
    "ja": [
        "お世話になっております。{name}です。注文番号{order}の商品がまだ届きません。連絡先は{phone}です。",
        "引っ越しましたので、住所を{addr}に変更してください。{name}",
        "身に覚えのない決済がありました。カード番号は{card}です。",
        "{wallet}への出金がまだ保留中です。確認をお願いします。",
        "本人確認のため：生年月日{dob}、マイナンバー{nid}。",
        "返金は{iban}の口座にお願いします。",
        "ログインできません。新しいメールアドレスは{email}です。",
        "パスポート番号{passport}、名義は{name}です。",
    ],
    "ko": [
        "안녕하세요, {name}입니다. 주문번호 {order} 상품이 아직 안 왔어요. 연락처는 {phone}입니다.",
        "이사했습니다. 새 주소는 {addr}입니다. {name} 드림",
        "제가 하지 않은 결제가 카드 {card}로 되어 있어요.",
        "{wallet}(으)로 출금한 게 아직 대기 중입니다.",
        "본인 확인: 생년월일 {dob}, 주민등록번호 {nid}",
        "환불은 {iban} 계좌로 부탁드립니다.",
        "로그인이 안 돼요. 새 이메일은 {email}입니다.",
        "여권번호 {passport}, 이름 {name}.",
    ],
    "zh": [
        "你好，我是{name}，订单{order}一直没收到，我的电话是{phone}。",
        "我搬家了，新地址是{addr}。{name}",
        "我的卡{card}被盗刷了，请马上冻结。",
        "为什么我提到{wallet}的币还没到账？",
        "身份验证：出生日期{dob}，身份证号{nid}。",
        "请把退款打到我的账户{iban}。",
        "我登录不了，新邮箱是{email}。",
        "护照号码{passport}，姓名{name}。",
    ],
    "ar": [
        "مرحبا، أنا {name}. طلبي رقم {order} لم يصل. رقم جوالي {phone}.",
        "انتقلت إلى عنوان جديد: {addr}. شكرا، {name}",
        "تم استخدام بطاقتي {card} في عملية شراء لم أقم بها.",
        "لماذا لا يزال السحب إلى {wallet} معلقا؟",
        "للتحقق: تاريخ الميلاد {dob}، رقم الهوية {nid}.",
        "أرجو تحويل المبلغ المسترد إلى حسابي {iban}.",
        "لا أستطيع تسجيل الدخول، بريدي الجديد {email}.",
        "رقم جواز السفر {passport} باسم {name}.",
    ],
    "th": [
        "สวัสดีค่ะ ดิฉัน {name} คำสั่งซื้อ {order} ยังไม่ได้รับเลย เบอร์ติดต่อ {phone}",
        "ย้ายบ้านแล้ว ที่อยู่ใหม่คือ {addr} ขอบคุณค่ะ {name}",
        "บัตร {card} ถูกใช้จ่ายโดยที่ไม่ได้ทำรายการเอง",
        "ทำไมการถอนไปที่ {wallet} ยังค้างอยู่",
        "ยืนยันตัวตน: วันเกิด {dob} เลขบัตรประชาชน {nid}",
        "กรุณาคืนเงินเข้าบัญชี {iban}",
        "เข้าระบบไม่ได้ อีเมลใหม่คือ {email}",
        "หนังสือเดินทางเลขที่ {passport} ชื่อ {name}",
    ],
    "vi": [
        "Chào bạn, mình là {name}. Đơn hàng {order} vẫn chưa tới. Số điện thoại: {phone}.",
        "Mình đã chuyển nhà, địa chỉ mới: {addr}. Cảm ơn, {name}",
        "Thẻ {card} của tôi bị trừ tiền cho giao dịch tôi không thực hiện.",
        "Sao lệnh rút về {wallet} vẫn đang chờ xử lý?",
        "Xác minh: ngày sinh {dob}, số CCCD {nid}.",
        "Vui lòng hoàn tiền vào tài khoản {iban}.",
        "Tôi không đăng nhập được, email mới là {email}.",
        "Hộ chiếu số {passport}, tên {name}.",
    ],
    "id": [
        "Halo, saya {name}. Pesanan {order} belum sampai. Nomor HP saya {phone}.",
        "Saya pindah rumah, alamat baru: {addr}. Terima kasih, {name}",
        "Kartu saya {card} dipakai untuk transaksi yang bukan saya.",
        "Kenapa penarikan ke {wallet} masih pending?",
        "Untuk verifikasi: tanggal lahir {dob}, NIK {nid}.",
        "Mohon refund ke rekening {iban}.",
        "Saya tidak bisa login, email baru saya {email}.",
        "Paspor nomor {passport} atas nama {name}.",
    ],
    "el": [
        "Γεια σας, είμαι ο/η {name}. Η παραγγελία {order} δεν έφτασε. Τηλέφωνο: {phone}.",
        "Άλλαξα διεύθυνση: {addr}. Ευχαριστώ, {name}",
        "Η κάρτα μου {card} χρεώθηκε για αγορά που δεν έκανα.",
        "Γιατί η ανάληψη προς {wallet} εκκρεμεί ακόμα;",
        "Για επαλήθευση: ημερομηνία γέννησης {dob}, ΑΦΜ {nid}.",
        "Παρακαλώ την επιστροφή στον λογαριασμό {iban}.",
        "Δεν μπορώ να συνδεθώ, νέο email: {email}.",
        "Διαβατήριο αρ. {passport} στο όνομα {name}.",
    ],
    "he": [
        "שלום, כאן {name}. ההזמנה {order} לא הגיעה. הטלפון שלי {phone}.",
        "עברתי דירה, הכתובת החדשה: {addr}. תודה, {name}",
        "השתמשו בכרטיס שלי {card} לרכישה שלא ביצעתי.",
        "למה המשיכה ל-{wallet} עדיין ממתינה?",
        "לאימות: תאריך לידה {dob}, תעודת זהות {nid}.",
        "נא להחזיר את הכסף לחשבון {iban}.",
        "אני לא מצליח להתחבר, המייל החדש {email}.",
        "דרכון מספר {passport} על שם {name}.",
    ],
    "sv": [
        "Hej, det är {name}. Min beställning {order} har inte kommit. Ring mig på {phone}.",
        "Jag har flyttat, ny adress: {addr}. Mvh {name}",
        "Mitt kort {card} har debiterats för ett köp jag inte gjort.",
        "Varför är mitt uttag till {wallet} fortfarande väntande?",
        "För verifiering: född {dob}, personnummer {nid}.",
        "Vänligen återbetala till konto {iban}.",
        "Jag kan inte logga in, min nya e-post är {email}.",
        "Pass nr {passport} utfärdat på {name}.",
    ],
    "hi": [
        "नमस्ते, मैं {name} हूँ। मेरा ऑर्डर {order} अभी तक नहीं आया। मेरा नंबर {phone} है।",
        "मेरा नया पता {addr} है। धन्यवाद, {name}",
        "मेरे कार्ड {card} से ऐसा भुगतान हुआ जो मैंने नहीं किया।",
        "{wallet} पर निकासी अभी भी पेंडिंग क्यों है?",
        "सत्यापन के लिए: जन्म तिथि {dob}, आधार {nid}",
        "कृपया रिफंड मेरे खाते {iban} में भेजें।",
        "लॉगिन नहीं हो रहा, नया ईमेल {email} है।",
        "पासपोर्ट नंबर {passport}, नाम {name}।",
    ],
}

_PH = re.compile(r"{(\w+)}")


def say(doc: Doc, p: dict, lang: str | None = None, k: int | None = None, extra: dict | None = None) -> str:
    """A customer's sentence with their values filled in (and labelled)."""
    r = doc.r
    lang = lang or p["lang"]
    if lang not in T:
        lang = "en"
    if lang == "en" and p["cc"] in ("US", "CA") and r.random() < 0.6:
        lang = "en_US"
    tpl = T[lang][k if k is not None else r.randrange(len(T[lang]))]
    doc.langs.add(lang.split("_")[0])
    extra = extra or {}

    def fill(m: re.Match) -> str:
        key = m.group(1)
        if key in extra:
            return extra[key]
        if key == "name":
            return doc.name(p, r.choice(["natural", "natural", "latn", "initial"]))
        if key == "phone":
            return doc.phone(p)
        if key == "email":
            return doc.email(p)
        if key == "addr":
            return doc.addr(p)
        if key == "dob":
            return doc.dob(p, lang if lang != "en_US" else "en_US")
        if key == "nid":
            return doc.nid(p)
        if key == "card":
            return doc.card(p)
        if key == "exp":
            return V.card_expiry(r)
        if key == "iban":
            if p["iban"]:
                return doc.iban(p)
            return doc.account(p)
        if key == "wallet":
            return doc.wallet()[0]
        if key == "order":
            return doc.order()
        if key == "passport":
            return doc.passport(p)
        if key == "dl":
            return doc.dl(p)
        if key == "tx":
            return doc.txh(r.choice(["btc", "eth"]))
        if key == "routing":
            return p["bank"].get("routing") or V.aba_routing(r)
        if key == "acct":
            return doc.account(p)
        raise KeyError(key)

    return _PH.sub(fill, tpl)


# field labels for tables and forms, per language
L: dict[str, dict[str, str]] = {
    "en": dict(
        name="Name",
        email="Email",
        phone="Phone",
        address="Address",
        dob="Date of birth",
        id="ID number",
        passport="Passport",
        iban="IBAN",
        card="Card number",
        order="Order",
        created="Created",
        amount="Amount",
        status="Status",
        note="Note",
        country="Country",
        ip="IP address",
        wallet="Wallet",
    ),
    "de": dict(
        name="Name",
        email="E-Mail",
        phone="Telefon",
        address="Anschrift",
        dob="Geburtsdatum",
        id="Ausweisnummer",
        passport="Reisepass",
        iban="IBAN",
        card="Kartennummer",
        order="Bestellnummer",
        created="Erstellt",
        amount="Betrag",
        status="Status",
        note="Notiz",
        country="Land",
        ip="IP-Adresse",
        wallet="Wallet",
    ),
    "fr": dict(
        name="Nom",
        email="Courriel",
        phone="Téléphone",
        address="Adresse",
        dob="Date de naissance",
        id="N° d'identité",
        passport="Passeport",
        iban="IBAN",
        card="N° de carte",
        order="Commande",
        created="Créé le",
        amount="Montant",
        status="Statut",
        note="Remarque",
        country="Pays",
        ip="Adresse IP",
        wallet="Portefeuille",
    ),
    "es": dict(
        name="Nombre",
        email="Correo",
        phone="Teléfono",
        address="Dirección",
        dob="Fecha de nacimiento",
        id="DNI/NIE",
        passport="Pasaporte",
        iban="IBAN",
        card="Tarjeta",
        order="Pedido",
        created="Creado",
        amount="Importe",
        status="Estado",
        note="Nota",
        country="País",
        ip="IP",
        wallet="Monedero",
    ),
    "it": dict(
        name="Nominativo",
        email="Email",
        phone="Cellulare",
        address="Indirizzo",
        dob="Data di nascita",
        id="Codice fiscale",
        passport="Passaporto",
        iban="IBAN",
        card="Carta",
        order="Ordine",
        created="Creato",
        amount="Importo",
        status="Stato",
        note="Nota",
        country="Paese",
        ip="IP",
        wallet="Wallet",
    ),
    "pt": dict(
        name="Nome completo",
        email="E-mail",
        phone="Celular",
        address="Endereço",
        dob="Data de nascimento",
        id="CPF",
        passport="Passaporte",
        iban="Conta",
        card="Cartão",
        order="Pedido",
        created="Criado em",
        amount="Valor",
        status="Situação",
        note="Observação",
        country="País",
        ip="IP",
        wallet="Carteira",
    ),
    "nl": dict(
        name="Naam",
        email="E-mailadres",
        phone="Telefoonnummer",
        address="Adres",
        dob="Geboortedatum",
        id="BSN",
        passport="Paspoort",
        iban="IBAN",
        card="Kaartnummer",
        order="Bestelling",
        created="Aangemaakt",
        amount="Bedrag",
        status="Status",
        note="Notitie",
        country="Land",
        ip="IP-adres",
        wallet="Wallet",
    ),
    "pl": dict(
        name="Imię i nazwisko",
        email="E-mail",
        phone="Telefon",
        address="Adres",
        dob="Data urodzenia",
        id="PESEL",
        passport="Paszport",
        iban="Nr rachunku",
        card="Karta",
        order="Zamówienie",
        created="Utworzono",
        amount="Kwota",
        status="Status",
        note="Uwagi",
        country="Kraj",
        ip="Adres IP",
        wallet="Portfel",
    ),
    "tr": dict(
        name="Ad Soyad",
        email="E-posta",
        phone="Telefon",
        address="Adres",
        dob="Doğum tarihi",
        id="TC Kimlik No",
        passport="Pasaport",
        iban="IBAN",
        card="Kart No",
        order="Sipariş",
        created="Oluşturulma",
        amount="Tutar",
        status="Durum",
        note="Not",
        country="Ülke",
        ip="IP adresi",
        wallet="Cüzdan",
    ),
    "ru": dict(
        name="ФИО",
        email="Эл. почта",
        phone="Телефон",
        address="Адрес",
        dob="Дата рождения",
        id="Документ",
        passport="Паспорт",
        iban="Счёт",
        card="Номер карты",
        order="Заказ",
        created="Создано",
        amount="Сумма",
        status="Статус",
        note="Комментарий",
        country="Страна",
        ip="IP-адрес",
        wallet="Кошелёк",
    ),
    "ja": dict(
        name="氏名",
        email="メールアドレス",
        phone="電話番号",
        address="住所",
        dob="生年月日",
        id="個人番号",
        passport="旅券番号",
        iban="口座",
        card="カード番号",
        order="注文番号",
        created="作成日時",
        amount="金額",
        status="ステータス",
        note="備考",
        country="国",
        ip="IPアドレス",
        wallet="ウォレット",
    ),
    "ko": dict(
        name="이름",
        email="이메일",
        phone="휴대폰",
        address="주소",
        dob="생년월일",
        id="주민등록번호",
        passport="여권번호",
        iban="계좌번호",
        card="카드번호",
        order="주문번호",
        created="생성일",
        amount="금액",
        status="상태",
        note="메모",
        country="국가",
        ip="IP 주소",
        wallet="지갑",
    ),
    "zh": dict(
        name="姓名",
        email="邮箱",
        phone="手机号",
        address="地址",
        dob="出生日期",
        id="身份证号",
        passport="护照号",
        iban="银行账号",
        card="卡号",
        order="订单号",
        created="创建时间",
        amount="金额",
        status="状态",
        note="备注",
        country="国家",
        ip="IP地址",
        wallet="钱包地址",
    ),
    "ar": dict(
        name="الاسم",
        email="البريد الإلكتروني",
        phone="الجوال",
        address="العنوان",
        dob="تاريخ الميلاد",
        id="رقم الهوية",
        passport="جواز السفر",
        iban="الآيبان",
        card="رقم البطاقة",
        order="رقم الطلب",
        created="تاريخ الإنشاء",
        amount="المبلغ",
        status="الحالة",
        note="ملاحظة",
        country="الدولة",
        ip="عنوان IP",
        wallet="المحفظة",
    ),
    "th": dict(
        name="ชื่อ-นามสกุล",
        email="อีเมล",
        phone="เบอร์โทร",
        address="ที่อยู่",
        dob="วันเกิด",
        id="เลขบัตรประชาชน",
        passport="หนังสือเดินทาง",
        iban="เลขบัญชี",
        card="เลขบัตร",
        order="คำสั่งซื้อ",
        created="สร้างเมื่อ",
        amount="จำนวนเงิน",
        status="สถานะ",
        note="หมายเหตุ",
        country="ประเทศ",
        ip="IP",
        wallet="กระเป๋า",
    ),
    "vi": dict(
        name="Họ và tên",
        email="Email",
        phone="Số điện thoại",
        address="Địa chỉ",
        dob="Ngày sinh",
        id="Số CCCD",
        passport="Hộ chiếu",
        iban="Số tài khoản",
        card="Số thẻ",
        order="Mã đơn",
        created="Ngày tạo",
        amount="Số tiền",
        status="Trạng thái",
        note="Ghi chú",
        country="Quốc gia",
        ip="IP",
        wallet="Ví",
    ),
    "id": dict(
        name="Nama lengkap",
        email="Email",
        phone="No. HP",
        address="Alamat",
        dob="Tanggal lahir",
        id="NIK",
        passport="Paspor",
        iban="No. rekening",
        card="No. kartu",
        order="Pesanan",
        created="Dibuat",
        amount="Jumlah",
        status="Status",
        note="Catatan",
        country="Negara",
        ip="IP",
        wallet="Dompet",
    ),
    "el": dict(
        name="Ονοματεπώνυμο",
        email="Email",
        phone="Τηλέφωνο",
        address="Διεύθυνση",
        dob="Ημ. γέννησης",
        id="ΑΦΜ",
        passport="Διαβατήριο",
        iban="IBAN",
        card="Κάρτα",
        order="Παραγγελία",
        created="Δημιουργία",
        amount="Ποσό",
        status="Κατάσταση",
        note="Σημείωση",
        country="Χώρα",
        ip="IP",
        wallet="Πορτοφόλι",
    ),
}


def labels(lang: str) -> dict[str, str]:
    return L.get(lang, L["en"]) if lang != "en_US" else L["en"]


AGENT: dict[str, list[str]] = {
    "en": [
        "Thanks for reaching out! I've escalated this under {ticket}; expect an update within 24h.",
        "The replacement has shipped, tracking {tracking}. The refund of {amount} is on its way.",
        "I can see the transfer on-chain ({tx}); it needs 3 more confirmations.",
        "Your withdrawal was held with code {err}. Our team will review it today.",
        "I've applied a credit of {amount} to invoice {invoice}. Anything else I can help with?",
    ],
    "de": [
        "Danke für Ihre Nachricht! Wir bearbeiten das unter {ticket}.",
        "Der Ersatz ist unterwegs, Sendungsnummer {tracking}. Die Erstattung über {amount} ist veranlasst.",
        "Die Auszahlung wurde mit dem Code {err} angehalten, wir prüfen das heute noch.",
    ],
    "fr": [
        "Merci pour votre message, le dossier {ticket} est ouvert.",
        "Le colis est reparti, numéro de suivi {tracking}. Remboursement de {amount} en cours.",
        "Votre retrait est bloqué (code {err}), un conseiller va vérifier.",
    ],
    "es": [
        "¡Gracias! Hemos abierto la incidencia {ticket}.",
        "El reembolso de {amount} ya está en camino. Seguimiento: {tracking}.",
    ],
    "pt": [
        "Obrigado! Abrimos o chamado {ticket}.",
        "O reembolso de {amount} já foi processado. Rastreio: {tracking}.",
    ],
    "ja": [
        "お問い合わせありがとうございます。受付番号は{ticket}です。",
        "返金（{amount}）の手続きが完了しました。追跡番号：{tracking}",
    ],
    "ru": [
        "Спасибо! Обращение {ticket} передано специалисту.",
        "Возврат {amount} оформлен, трек-номер {tracking}.",
    ],
    "tr": [
        "Teşekkürler, talebiniz {ticket} numarasıyla açıldı.",
        "{amount} tutarındaki iadeniz işlendi. Takip no: {tracking}.",
    ],
    "ko": [
        "문의 감사합니다. 접수번호는 {ticket}입니다.",
        "{amount} 환불 처리되었습니다. 운송장 번호 {tracking}",
    ],
    "zh": ["感谢您的反馈，工单号{ticket}。", "退款{amount}已处理，运单号{tracking}。"],
}


def reply(d: Doc, lang: str) -> str:
    r = d.r
    tpl = r.choice(AGENT.get(lang, AGENT["en"]))
    fns = {
        "ticket": d.ticket,
        "tracking": d.tracking,
        "amount": d.amount,
        "tx": lambda: d.txh(r.choice(["btc", "eth"])),
        "err": d.err,
        "invoice": d.invoice,
        "order": d.order,
    }
    return _PH.sub(lambda m: fns[m.group(1)](), tpl)


AGENTS = [
    "Marta (Tier 1)",
    "Support Bot",
    "Kai - Ledgerline Support",
    "Tier-2 Payments",
    "Compliance Desk",
    "Night shift",
    "Sam from Support",
]


def msgs(d: Doc, p: dict, n: int) -> list[tuple[str, str]]:
    """A conversation: (who, text) with the customer's sentences and agent replies."""
    out = []
    ks = d.r.sample(range(8), min(n, 8))
    for i in range(n):
        if i % 2 == 0:
            out.append(("customer", say(d, p, k=ks[(i // 2) % len(ks)])))
        else:
            out.append(("agent", reply(d, p["lang"])))
    return out


# =============================================================================================
# shape families
# =============================================================================================


def s_zoho_desk(d: Doc) -> None:
    r = d.r
    p = d.person()
    tid = str(r.randint(10**17, 10**18 - 1))
    d.D("record_id", tid)
    if r.random() < 0.5:
        d.path = f"/api/v1/tickets/{tid}"
        obj = {
            "id": tid,
            "ticketNumber": str(r.randint(1000, 99999)),
            "subject": say(d, p, k=r.choice([0, 3])),
            "status": r.choice(["Open", "On Hold", "Escalated"]),
            "channel": r.choice(["Email", "Web", "Chat"]),
            "createdTime": d.ts("iso_ms"),
            "email": d.email(p),
            "phone": d.phone(p),
            "contact": {
                "id": str(r.randint(10**17, 10**18)),
                "firstName": p["given"],
                "lastName": d.family(p),
                "email": p["email"],
                "phone": p["phone"],
                "mobile": d.phone(p, True),
                "account": {"accountName": d.company(), "id": str(r.randint(10**17, 10**18))},
            },
            "cf": {
                "cf_date_of_birth": d.dob(p, style="iso"),
                "cf_wallet_address": d.wallet()[0],
                "cf_kyc_level": r.choice(["1", "2", "3"]),
                "cf_residential_address": d.addr(p),
            },
            "productId": None,
            "departmentId": str(r.randint(10**17, 10**18)),
            "language": p["lang"],
            "webUrl": f"https://desk.zoho.eu/support/ledgerline/ShowHomePage.do#Cases/dv/{tid}",
        }
    else:
        d.path = f"/api/v1/tickets/{tid}/threads"
        data = []
        for who, text in msgs(d, p, r.randint(2, 5)):
            if who == "customer":
                author = {"name": d.name(p), "email": d.email(p), "type": "END_USER", "photoURL": None}
            else:
                author = {"name": r.choice(AGENTS), "email": "support@ledgerline.io", "type": "AGENT"}
            data.append(
                {
                    "id": str(r.randint(10**17, 10**18)),
                    "channel": "EMAIL",
                    "direction": "in" if who == "customer" else "out",
                    "summary": text[:60],
                    "content": f'<div dir="ltr">{text}</div>',
                    "author": author,
                    "createdTime": d.ts("iso_ms"),
                    "fromEmailAddress": p["email"] if who == "customer" else "support@ledgerline.io",
                }
            )
        obj = {"data": data}
    d.body = dumps(r, obj)


def s_servicenow(d: Doc) -> None:
    r = d.r
    rows = []
    table = r.choice(["incident", "sys_user", "sn_customerservice_case"])
    d.path = f"/api/now/table/{table}?sysparm_display_value=all&sysparm_limit={r.randint(2, 5)}"
    for _ in range(r.randint(2, 4)):
        p = d.person()
        sid = d.hexid()

        def dv(disp, val=None):
            return {"display_value": disp, "value": disp if val is None else val}

        if table == "sys_user":
            row = {
                "sys_id": dv(sid),
                "user_name": dv(d.user(p)),
                "first_name": dv(p["given"]),
                "last_name": dv(d.family(p)),
                "name": dv(d.name(p, "natural")),
                "email": dv(d.email(p)),
                "mobile_phone": dv(d.phone(p)),
                "street": dv(d.street(p)),
                "city": dv(p["address"]["city"]),
                "zip": dv(p["address"]["postcode"]),
                "country": dv(d.cc(p["cc"])),
                "u_birth_date": dv(d.dob(p, "en_US"), p["dob"].isoformat()),
                "sys_created_on": dv(d.ts("space")),
            }
            d.P("DATE_OF_BIRTH", p["dob"].isoformat())
        else:
            num = d.ticket()
            row = {
                "sys_id": dv(sid),
                "number": dv(num),
                "short_description": dv(say(d, p, k=r.choice([2, 3, 5]))),
                "caller_id": {
                    "display_value": d.name(p),
                    "link": f"https://ledgerline.service-now.com/api/now/table/sys_user/{d.hexid()}",
                    "value": V.rbytes(r, 16).hex(),
                },
                "u_contact_phone": dv(d.phone(p)),
                "u_contact_email": dv(d.email(p)),
                "priority": dv("3 - Moderate", "3"),
                "u_national_id": dv(d.nid(p)),
                "assignment_group": dv("Payments L2", V.rbytes(r, 16).hex()),
                "opened_at": dv(d.ts("space")),
                "cmdb_ci": dv(d.host()),
            }
        rows.append(row)
    d.body = dumps(r, {"result": rows})


def s_dataverse(d: Doc) -> None:
    r = d.r
    items = []
    for _ in range(r.randint(1, 3)):
        p = d.person()
        cid = d.uuid()
        acc = d.uuid()
        bd = p["dob"].isoformat()
        items.append(
            {
                "@odata.etag": f'W/"{r.randint(10**6, 10**8)}"',
                "contactid": cid,
                "fullname": d.name(p, "natural"),
                "firstname": p["given"],
                "lastname": d.family(p),
                "emailaddress1": d.email(p),
                "telephone1": d.phone(p),
                "mobilephone": d.phone(p, True),
                "address1_line1": d.street(p),
                "address1_city": p["address"]["city"],
                "address1_postalcode": p["address"]["postcode"],
                "birthdate": d.P("DATE_OF_BIRTH", bd),
                "birthdate@OData.Community.Display.V1.FormattedValue": d.dob(p, "en_US"),
                "_parentcustomerid_value": acc,
                "_parentcustomerid_value@OData.Community.Display.V1.FormattedValue": d.company(),
                "_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "account",
                "governmentid": d.nid(p),
                "new_iban": d.iban(p) if p["iban"] else None,
                "modifiedon": d.ts("iso_z"),
                "_owninguser_value": d.uuid(),
            }
        )
    if len(items) == 1 and r.random() < 0.5:
        d.path = f"/api/data/v9.2/contacts({items[0]['contactid']})"
        obj = items[0]
    else:
        d.path = "/api/data/v9.2/contacts?$select=fullname,emailaddress1,telephone1,birthdate&$top=5"
        obj = {"value": items}
    d.body = dumps(r, obj)


def s_sendbird(d: Doc) -> None:
    r = d.r
    p = d.person()
    url = f"sendbird_group_channel_{r.randint(10**8, 10**9)}_{V.rbytes(r, 20).hex()}"
    d.D("record_id", url)
    d.path = f"/v3/group_channels/{url}/messages?prev_limit=20&include=true"
    out = []
    uid = f"cust_{r.randint(10**6, 10**7)}"
    for who, text in msgs(d, p, r.randint(3, 6)):
        m = {
            "type": "MESG",
            "message_id": r.randint(10**9, 10**10),
            "message": text,
            "created_at": int(d.ts_ms()),
            "channel_url": url,
            "custom_type": "",
            "data": "",
        }
        if who == "customer":
            m["user"] = {
                "user_id": uid,
                "nickname": d.name(p, r.choice(["natural", "latn"])),
                "profile_url": "",
                "metadata": {"phone": d.phone(p), "tier": "verified"},
            }
        else:
            m["user"] = {
                "user_id": "agent_017",
                "nickname": r.choice(AGENTS),
                "profile_url": "https://cdn.ledgerline.io/avatars/support.png",
                "metadata": {},
            }
        out.append(m)
    d.body = dumps(r, {"messages": out})


def s_stream_chat(d: Doc) -> None:
    r = d.r
    p = d.person()
    cid = f"support-{r.randint(10**5, 10**6)}"
    d.path = f"/channels/messaging/{cid}/query"
    uid = f"u-{d.uuid()}"
    user = {
        "id": uid,
        "name": d.name(p),
        "image": "",
        "role": "user",
        "online": False,
        "email": d.email(p),
        "created_at": d.ts("iso_ms"),
    }
    msgs_ = []
    for who, text in msgs(d, p, r.randint(2, 5)):
        m = {
            "id": d.uuid(),
            "text": text,
            "type": "regular",
            "user": user
            if who == "customer"
            else {"id": "agent-7", "name": r.choice(AGENTS), "role": "admin"},
            "attachments": [],
            "created_at": d.ts("iso_ms"),
            "reply_count": 0,
        }
        if who == "customer" and r.random() < 0.4:
            m["attachments"].append(
                {
                    "type": "file",
                    "title": "statement.pdf",
                    "asset_url": f"https://us-east.stream-io-cdn.com/{r.randint(10**6, 10**7)}/attachments/{d.uuid()}.pdf",
                    "mime_type": "application/pdf",
                }
            )
        msgs_.append(m)
    d.body = dumps(
        r,
        {
            "channel": {
                "id": cid,
                "type": "messaging",
                "cid": f"messaging:{cid}",
                "created_by": {"id": uid},
                "frozen": False,
            },
            "messages": msgs_,
            "members": [{"user_id": uid, "user": user, "role": "member"}],
            "duration": f"{r.randint(3, 40)}.{r.randint(10, 99)}ms",
        },
    )


def s_slack(d: Doc) -> None:
    r = d.r
    ch = "C0" + "".join(r.choice(string.ascii_uppercase + string.digits) for _ in range(8))
    d.path = f"/api/conversations.history?channel={ch}&limit=50"
    out = []
    for _ in range(r.randint(2, 4)):
        p = d.person()
        nm = d.name(p, r.choice(["natural", "latn", "last_first"]))
        em = d.email(p)
        ph = d.phone(p)
        text = (
            f"Escalation for *{nm}* (<mailto:{em}|{em}>), phone {ph}: {say(d, p, k=r.choice([2, 3, 4, 5]))}"
        )
        ts = f"{d.ts('epoch')}.{r.randint(100000, 999999)}"
        d.D("timestamp", ts)
        out.append(
            {
                "type": "message",
                "user": "U0" + "".join(r.choice(string.ascii_uppercase + string.digits) for _ in range(8)),
                "text": text,
                "ts": ts,
                "user_profile": {
                    "real_name": r.choice(["Marta Ruiz", "Support Ops"]) if False else "Support Ops",
                    "display_name": "support-ops",
                },
                "blocks": [
                    {
                        "type": "rich_text",
                        "block_id": "".join(r.choice(string.ascii_letters) for _ in range(5)),
                        "elements": [
                            {
                                "type": "rich_text_section",
                                "elements": [
                                    {"type": "text", "text": "Escalation for "},
                                    {"type": "text", "text": nm, "style": {"bold": True}},
                                    {"type": "text", "text": " ("},
                                    {"type": "link", "url": f"mailto:{em}", "text": em},
                                    {"type": "text", "text": f"), phone {ph}"},
                                ],
                            }
                        ],
                    }
                ],
                "reactions": [{"name": "eyes", "count": 1}],
            }
        )
    d.body = dumps(
        r,
        {
            "ok": True,
            "messages": out,
            "has_more": False,
            "pin_count": 0,
            "response_metadata": {"next_cursor": ""},
        },
    )


def s_teams(d: Doc) -> None:
    r = d.r
    d.path = f"/v1.0/teams/{d.uuid()}/channels/19:{V.rbytes(r, 16).hex()}@thread.tacv2/messages"
    vals = []
    for _ in range(r.randint(1, 3)):
        p = d.person()
        lab = labels(p["lang"])
        facts = [
            {"title": lab["name"], "value": d.name(p)},
            {"title": lab["phone"], "value": d.phone(p)},
            {"title": lab["email"], "value": d.email(p)},
            {"title": lab["dob"], "value": d.dob(p)},
            {"title": "Case", "value": d.ticket()},
        ]
        card = {
            "type": "AdaptiveCard",
            "version": "1.4",
            "body": [
                {"type": "TextBlock", "text": "KYC escalation", "weight": "bolder"},
                {"type": "FactSet", "facts": facts},
            ],
        }
        html = f"<p>Customer <b>{d.name(p, 'natural')}</b> asked:</p><blockquote>{say(d, p, k=r.choice([1, 4, 5]))}</blockquote>"
        vals.append(
            {
                "id": str(int(d.ts_ms())),
                "messageType": "message",
                "createdDateTime": d.ts("iso_ms"),
                "from": {
                    "user": {
                        "id": d.uuid(),
                        "displayName": "Ledgerline Support Bot",
                        "userIdentityType": "aadUser",
                    }
                },
                "body": {"contentType": "html", "content": html},
                "attachments": [
                    {
                        "id": d.uuid(),
                        "contentType": "application/vnd.microsoft.card.adaptive",
                        "content": json.dumps(card, ensure_ascii=False),
                    }
                ],
            }
        )
    d.body = dumps(r, {"@odata.count": len(vals), "value": vals})


def s_discord(d: Doc) -> None:
    r = d.r
    d.path = f"/internal/modmail/logs/{r.randint(1000, 9999)}.log"
    d.content_type = "text/plain"
    lines = [
        f"# modmail thread {d.D('record_id', str(r.randint(10**17, 10**18)))} opened {d.ts('space')} via {d.host()}"
    ]
    p = d.person()
    handle = d.user(p)
    for who, text in msgs(d, p, r.randint(4, 7)):
        t = f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}"
        if who == "customer":
            lines.append(f"[{t}] {handle}: {text}")
        else:
            lines.append(f"[{t}] ModMail ({r.choice(['Kai', 'Rin', 'Sam'])}): {text}")
    lines.append(
        f"[{r.randint(0, 23):02d}:{r.randint(0, 59):02d}] ModMail: user info -> name={d.name(p, 'latn')} email={d.email(p)} ip={d.ip(p)}"
    )
    d.body = "\n".join(lines) + "\n"


def s_livechat(d: Doc) -> None:
    r = d.r
    p = d.person()
    chat_id = "".join(r.choice(string.ascii_uppercase + string.digits) for _ in range(10))
    d.D("record_id", chat_id)
    d.path = "/v3.5/agent/action/get_chat"
    cust_id = d.uuid()
    events = [
        {
            "id": f"{chat_id}_1",
            "type": "filled_form",
            "form_id": "pre_chat",
            "fields": [
                {"type": "name", "id": "170", "label": "Name:", "answer": d.name(p)},
                {"type": "email", "id": "171", "label": "E-mail:", "answer": d.email(p)},
                {
                    "type": "question",
                    "id": "172",
                    "label": r.choice(["Phone", "Your phone number", labels(p["lang"])["phone"]]),
                    "answer": d.phone(p),
                },
            ],
        }
    ]
    for i, (who, text) in enumerate(msgs(d, p, r.randint(3, 6))):
        events.append(
            {
                "id": f"{chat_id}_{i + 2}",
                "type": "message",
                "text": text,
                "author_id": cust_id if who == "customer" else "agent@ledgerline.io",
                "created_at": d.ts("iso_ms"),
                "visibility": "all",
            }
        )
    obj = {
        "id": chat_id,
        "thread": {
            "id": "".join(r.choice(string.ascii_uppercase + string.digits) for _ in range(10)),
            "active": False,
            "events": events,
            "properties": {"routing": {"group_id": 0}},
        },
        "users": [
            {
                "id": cust_id,
                "type": "customer",
                "name": p["full_latn"] if p["full_latn"] != p["full"] else p["full"],
                "email": p["email"],
                "last_visit": {
                    "ip": d.ip(p),
                    "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)",
                    "geolocation": {"country_code": p["cc"], "city": p["address"]["city"]},
                },
                "statistics": {"chats_count": r.randint(1, 9)},
            }
        ],
    }
    d.P("PERSON", obj["users"][0]["name"])
    d.body = dumps(r, obj)


def s_tawk(d: Doc) -> None:
    r = d.r
    p = d.person()
    d.path = f"/api/transcripts/{d.D('record_id', V.rbytes(r, 12).hex())}.txt"
    d.content_type = "text/plain"
    vis = d.name(p, r.choice(["natural", "latn", "lower"]))
    head = [
        f"Chat Transcript - {d.ts('space')}",
        f"Visitor: {vis}",
        f"Email: {d.email(p)}",
        f"Location: {p['address']['city']}, {p['cc']}",
        f"IP: {d.ip(p)}",
        "-" * 40,
    ]
    body = []
    for who, text in msgs(d, p, r.randint(3, 6)):
        t = f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}"
        body.append(f"({t}) {vis if who == 'customer' else r.choice(['Ana', 'Tom', 'Support'])}: {text}")
    d.body = "\n".join(head + body) + "\n"


def s_crisp(d: Doc) -> None:
    r = d.r
    p = d.person()
    sid = "session_" + d.uuid()
    d.path = f"/v1/website/{d.uuid()}/conversation/{sid}"
    obj = {
        "error": False,
        "reason": "resolved",
        "data": {
            "session_id": sid,
            "website_id": V.d_uuid(r),
            "state": "resolved",
            "is_verified": True,
            "meta": {
                "nickname": d.name(p),
                "email": d.email(p),
                "phone": d.phone(p),
                "ip": d.ip(p),
                "avatar": None,
                "data": {"customer_tier": "gold", "last_deposit_address": d.wallet()[0], "plan": d.product()},
                "segments": ["kyc-pending", p["lang"]],
                "device": {
                    "capabilities": ["browsing"],
                    "geolocation": {"country": p["cc"], "city": p["address"]["city"], "coordinates": None},
                    "system": {"os": {"version": d.version(), "name": "iOS"}},
                },
            },
            "last_message": say(d, p),
            "created_at": int(d.ts_ms()),
            "updated_at": int(d.ts_ms()),
        },
    }
    d.body = dumps(r, obj)


def s_plaid_identity(d: Doc) -> None:
    r = d.r
    d.path = r.choice(["/identity/get", "/auth/get"])
    accounts, ach = [], []
    p = d.person(r.choice(["US", "US", "US", "CA"]))
    co = d.person(p["cc"]) if r.random() < 0.3 else None
    for i in range(r.randint(1, 3)):
        aid = "".join(r.choice(string.ascii_letters + string.digits) for _ in range(37))
        d.D("record_id", aid)
        owners = [
            {
                "names": [d.name(p, r.choice(["natural", "upper"]))]
                + ([d.name(co, "natural")] if co else []),
                "emails": [{"data": d.email(p), "primary": True, "type": "primary"}],
                "phone_numbers": [
                    {"data": d.phone(p), "primary": True, "type": "mobile"},
                    {"data": d.phone(p, True), "primary": False, "type": "home"},
                ],
                "addresses": [
                    {
                        "data": {
                            "street": d.street(p),
                            "city": p["address"]["city"],
                            "region": p["address"]["region"],
                            "postal_code": p["address"]["postcode"],
                            "country": p["cc"],
                        },
                        "primary": True,
                    }
                ],
            }
        ]
        mask = p["bank"].get("account", "0000")[-4:]
        accounts.append(
            {
                "account_id": aid,
                "balances": {
                    "available": round(r.uniform(10, 9000), 2),
                    "current": round(r.uniform(10, 9000), 2),
                    "iso_currency_code": d.D("currency_code", "USD" if p["cc"] == "US" else "CAD"),
                },
                "mask": mask,
                "name": r.choice(["Plaid Checking", "Everyday Chequing", "Premier Savings"]),
                "subtype": r.choice(["checking", "savings"]),
                "type": "depository",
                "owners": owners,
            }
        )
        if p["cc"] == "US" and d.path == "/auth/get":
            ach.append(
                {
                    "account_id": aid,
                    "account": d.P("BANK_ACCOUNT", V.digits(r, r.choice([10, 12]), True))
                    if i
                    else d.account(p),
                    "routing": V.aba_routing(r),
                    "wire_routing": V.aba_routing(r),
                }
            )
    obj = {
        "accounts": accounts,
        "item": {
            "item_id": d.rid("", 37),
            "institution_id": "ins_" + str(r.randint(3, 130000)),
            "webhook": f"https://{d.host()}/plaid/webhook",
        },
        "request_id": d.rid("", 15),
    }
    if ach and d.path == "/auth/get":
        obj["numbers"] = {"ach": ach, "eft": [], "international": [], "bacs": []}
    d.body = dumps(r, obj)


def s_wise_transfer(d: Doc) -> None:
    r = d.r
    p = d.person()
    q = d.person(r.choice(["GB", "DE", "FR", "ES", "NL", "IT", "US", "AU", "IN", "MX", "BR", "PL", "TR"]))
    tid = r.randint(10**8, 10**9)
    d.path = f"/v1/transfers/{tid}" if r.random() < 0.5 else f"/v2/accounts/{r.randint(10**7, 10**8)}"
    b = q["bank"]
    if "iban" in b:
        det = {"legalType": "PRIVATE", "IBAN": d.iban(q, "compact"), "BIC": d.bic()}
        typ = "iban"
    elif "sort_code" in b:
        det = {"legalType": "PRIVATE", "sortCode": b["sort_code"], "accountNumber": d.account(q)}
        typ = "sort_code"
    elif "routing" in b:
        det = {
            "legalType": "PRIVATE",
            "abartn": b["routing"],
            "accountNumber": d.account(q),
            "accountType": "CHECKING",
        }
        typ = "aba"
    elif "clabe" in b:
        det = {"legalType": "PRIVATE", "clabe": d.account(q)}
        typ = "mexican"
    elif "ifsc" in b:
        det = {"legalType": "PRIVATE", "ifscCode": b["ifsc"], "accountNumber": d.account(q)}
        typ = "indian"
    elif "bsb" in b:
        det = {"legalType": "PRIVATE", "bsbCode": b["bsb"].replace("-", ""), "accountNumber": d.account(q)}
        typ = "australian"
    else:
        det = {"legalType": "PRIVATE", "accountNumber": d.account(q), "bankCode": b.get("bank_code", "001")}
        typ = "brazil" if q["cc"] == "BR" else "generic"
    det["address"] = {
        "country": q["cc"],
        "city": q["address"]["city"],
        "postCode": q["address"]["postcode"],
        "firstLine": d.street(q),
    }
    det["email"] = d.email(q)
    obj = {
        "id": tid,
        "user": r.randint(10**6, 10**7),
        "targetAccount": r.randint(10**8, 10**9),
        "quoteUuid": d.uuid(),
        "status": r.choice(["processing", "outgoing_payment_sent", "funds_refunded"]),
        "reference": r.choice(["rent", "Invoice " + d.invoice(), "gift", ""]),
        "rate": round(r.uniform(0.5, 90), 4),
        "created": d.ts("space"),
        "sourceCurrency": d.D("currency_code", r.choice(["EUR", "GBP", "USD"])),
        "sourceValue": round(r.uniform(50, 5000), 2),
        "targetCurrency": d.D("currency_code", r.choice(["MXN", "INR", "BRL", "PLN", "TRY", "AUD"])),
        "details": {
            "reference": "",
            "transferPurpose": "verification.transfers.purpose.pay.bills",
            "sourceOfFunds": "verification.source.of.funds.salary",
        },
        "recipient": {
            "accountHolderName": d.name(q, r.choice(["natural", "upper", "latn"])),
            "currency": "",
            "type": typ,
            "details": det,
        },
        "sender": {"name": d.name(p), "id": r.randint(10**6, 10**7)},
    }
    d.body = dumps(r, obj)


def s_revolut_cp(d: Doc) -> None:
    r = d.r
    d.path = "/api/1.0/counterparties"
    out = []
    for _ in range(r.randint(2, 4)):
        q = d.person(
            r.choice(
                [
                    "GB",
                    "DE",
                    "FR",
                    "ES",
                    "IT",
                    "NL",
                    "PL",
                    "PT",
                    "IE" if False else "BE",
                    "LT" if False else "SE",
                ]
            )
        )
        cid = d.uuid()
        acc = {
            "id": d.uuid(),
            "currency": d.D("currency_code", r.choice(["EUR", "GBP", "SEK", "PLN"])),
            "type": "external",
            "account_no": None,
            "iban": d.iban(q, r.choice(["compact", "groups"])),
            "bic": d.bic(),
            "recipient_charges": "no",
            "bank_country": q["cc"],
            "name": d.name(q, "natural"),
        }
        if q["cc"] == "GB":
            acc["account_no"] = d.account(q) if "account" in q["bank"] else None
            acc["sort_code"] = q["bank"].get("sort_code", "").replace("-", "")
        out.append(
            {
                "id": cid,
                "name": d.name(q, r.choice(["natural", "upper", "last_first"])),
                "state": "created",
                "profile_type": "personal",
                "individual_name": {"first_name": q["given"], "last_name": d.family(q)},
                "country": q["cc"],
                "address": {
                    "street_line1": d.street(q),
                    "city": q["address"]["city"],
                    "postcode": q["address"]["postcode"],
                    "country": q["cc"],
                },
                "email": d.email(q),
                "phone": d.phone(q),
                "accounts": [acc],
                "created_at": d.ts("iso_ms"),
                "updated_at": d.ts("iso_ms"),
            }
        )
    d.body = dumps(r, out)


def s_sumsub(d: Doc) -> None:
    r = d.r
    p = d.person()
    aid = V.rbytes(r, 12).hex()
    d.D("record_id", aid)
    d.path = f"/resources/applicants/{aid}/one"
    kind, nid = p["national_id"]
    info = {
        "firstName": p["given"],
        "firstNameEn": p["given_latn"],
        "lastName": d.family(p),
        "lastNameEn": d.family(p, True),
        "dob": d.dob(p, style="iso"),
        "country": V.ISO3.get(p["cc"], "USA"),
        "phone": d.phone(p),
        "addresses": [
            {
                "street": d.street(p),
                "town": p["address"]["city"],
                "postCode": p["address"]["postcode"],
                "country": V.ISO3.get(p["cc"], "USA"),
                "formattedAddress": d.addr(p),
            }
        ],
        "idDocs": [
            {
                "idDocType": "PASSPORT",
                "country": V.ISO3.get(p["cc"], "USA"),
                "firstName": p["given_latn"].upper(),
                "lastName": d.P("PERSON", p["family_latn"].upper()),
                "validUntil": f"{r.randint(2026, 2034)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
                "number": d.passport(p),
                "dob": p["dob"].isoformat(),
            },
            {
                "idDocType": "ID_CARD",
                "country": V.ISO3.get(p["cc"], "USA"),
                "number": d.nid(p),
                "issuedDate": f"{r.randint(2015, 2023)}-0{r.randint(1, 9)}-1{r.randint(0, 9)}",
            },
        ],
    }
    obj = {
        "id": aid,
        "createdAt": d.ts("space"),
        "key": "LEDGERLINE",
        "clientId": "ledgerline_prod",
        "inspectionId": V.rbytes(r, 12).hex(),
        "externalUserId": "usr_" + str(r.randint(10**6, 10**7)),
        "info": info,
        "fixedInfo": {"firstName": p["given"], "lastName": p["family"], "placeOfBirth": p["address"]["city"]},
        "email": d.email(p),
        "phone": p["phone"],
        "lang": p["lang"][:2],
        "type": "individual",
        "review": {
            "reviewId": d.rid("", 5),
            "attemptId": d.rid("", 5),
            "levelName": "basic-kyc-level",
            "reviewStatus": "completed",
            "reviewResult": {
                "reviewAnswer": r.choice(["GREEN", "RED"]),
                "rejectLabels": r.choice([[], ["DOCUMENT_DAMAGED"], ["SELFIE_MISMATCH"]]),
            },
        },
    }
    d.body = dumps(r, obj)


def s_onfido(d: Doc) -> None:
    r = d.r
    p = d.person()
    rid = d.uuid()
    d.path = f"/v3.6/reports/{rid}"
    doc_type = r.choice(["passport", "national_identity_card", "driving_licence"])
    num = (
        d.passport(p)
        if doc_type == "passport"
        else d.nid(p)
        if doc_type == "national_identity_card"
        else d.dl(p)
    )
    props = {
        "first_name": p["given_latn"],
        "last_name": d.family(p, True),
        "date_of_birth": d.dob(p, style="iso"),
        "date_of_expiry": f"{r.randint(2026, 2034)}-0{r.randint(1, 9)}-2{r.randint(0, 8)}",
        "document_type": doc_type,
        "issuing_country": V.ISO3.get(p["cc"], "GBR"),
        "nationality": V.ISO3.get(p["cc"], "GBR"),
        "gender": "Female" if p["female"] else "Male",
        "document_numbers": [{"value": num, "type": "document_number"}],
    }
    if doc_type == "driving_licence" or r.random() < 0.3:
        props["address_lines"] = {
            "street_address": d.street(p),
            "city": p["address"]["city"],
            "postal_code": p["address"]["postcode"],
            "country": p["cc"],
        }
    if doc_type != "passport" and r.random() < 0.5:
        props["personal_number"] = d.nid(p)
    bd = {
        k: {"result": "clear", "breakdown": {}}
        for k in ["data_comparison", "data_validation", "image_integrity", "visual_authenticity"]
    }
    bd["data_validation"]["breakdown"]["document_numbers"] = {"result": "clear", "properties": {}}
    obj = {
        "id": rid,
        "created_at": d.ts("iso_z"),
        "href": f"/v3.6/reports/{rid}",
        "status": "complete",
        "result": r.choice(["clear", "consider"]),
        "sub_result": r.choice(["clear", "caution", "suspected"]),
        "name": "document",
        "check_id": d.uuid(),
        "documents": [{"id": d.uuid()}],
        "properties": props,
        "breakdown": bd,
    }
    d.body = dumps(r, obj)


def s_jumio(d: Doc) -> None:
    r = d.r
    p = d.person()
    sid = d.uuid()
    d.path = f"/api/v1/accounts/{d.uuid()}/workflow-executions/{sid}"
    exp = V._dt.date(r.randint(2026, 2034), r.randint(1, 12), r.randint(1, 28))
    l1, l2 = V.mrz_td3(p["cc"], p["family_latn"], p["given_latn"], p["passport"], p["dob"], p["female"], exp)
    d.passport(p)
    d.P("PERSON", l1[5:].rstrip("<"))
    extracted = {
        "type": "PASSPORT",
        "subType": "E_PASSPORT",
        "issuingCountry": V.ISO3.get(p["cc"], "USA"),
        "firstName": p["given_latn"].upper(),
        "lastName": d.P("PERSON", p["family_latn"].upper()),
        "dateOfBirth": d.dob(p, style="iso"),
        "expiryDate": exp.isoformat(),
        "documentNumber": p["passport"],
        "gender": "F" if p["female"] else "M",
        "nationality": V.ISO3.get(p["cc"], "USA"),
        "mrz": {"line1": l1, "line2": l2},
        "placeOfBirth": p["address"]["city"].upper(),
    }
    if r.random() < 0.5:
        extracted["address"] = {
            "line1": d.street(p),
            "city": p["address"]["city"],
            "postalCode": p["address"]["postcode"],
            "formattedAddress": d.addr(p),
        }
    obj = {
        "workflow": {"id": sid, "status": "PROCESSED", "definitionKey": "10013"},
        "account": {"id": d.uuid()},
        "createdAt": d.ts("iso_ms"),
        "completedAt": d.ts("iso_ms"),
        "decision": {
            "type": r.choice(["PASSED", "REJECTED", "WARNING"]),
            "details": {"label": r.choice(["OK", "MRZ_CHECKSUM_MISMATCH", "BLURRED"])},
            "risk": {"score": round(r.uniform(0, 100), 1)},
        },
        "capabilities": {
            "extraction": [
                {"id": d.uuid(), "credentials": [{"id": d.uuid(), "category": "ID"}], "data": extracted}
            ],
            "usability": [{"decision": {"type": "PASSED"}}],
            "imageChecks": [{"decision": {"type": "PASSED", "details": {"label": "OK"}}}],
        },
        "ip": d.ip(p),
    }
    d.body = dumps(r, obj)


def s_chainalysis(d: Doc) -> None:
    r = d.r
    d.path = "/api/kyt/v1/alerts?alertStatus=Unreviewed&limit=10"
    alerts = []
    for _ in range(r.randint(2, 5)):
        p = d.person()
        addr, asset = d.wallet(r.choice(["btc_bech32", "btc_p2pkh", "eth", "usdt_trc20", "btc_p2sh", "ltc"]))
        txh = d.txh("eth" if addr.startswith("0x") else "btc")
        alerts.append(
            {
                "alertIdentifier": d.uuid(),
                "alertStatus": "Unreviewed",
                "level": r.choice(["SEVERE", "HIGH", "MEDIUM"]),
                "category": r.choice(
                    ["darknet market", "sanctioned entity", "stolen funds", "mixing", "gambling"]
                ),
                "service": r.choice(["Hydra Marketplace", "Tornado.cash", "Garantex", "unnamed service"]),
                "externalId": "usr_" + str(r.randint(10**6, 10**7)),
                "alertAmountUsd": round(r.uniform(100, 90000), 2),
                "transactionHash": txh,
                "transferReference": f"{txh}:{addr}"
                if not addr.startswith("0x")
                else f"{txh}:{r.randint(0, 3)}",
                "direction": r.choice(["RECEIVED", "SENT"]),
                "asset": asset,
                "outputAddress": addr,
                "createdAt": d.ts("iso_ms"),
                "userNote": f"Customer {d.name(p)} ({d.email(p)}) claims funds came from {d.company()}",
            }
        )
    d.body = dumps(r, {"total": len(alerts), "limit": 10, "offset": 0, "data": alerts})


def s_elliptic(d: Doc) -> None:
    r = d.r
    p = d.person()
    addr, asset = d.wallet()
    d.path = "/v2/wallet/synchronous"
    obj = {
        "id": d.uuid(),
        "type": "wallet_exposure",
        "processing_region": d.region()[0],
        "subject": {
            "asset": asset,
            "blockchain": "ethereum"
            if addr.startswith("0x")
            else "tron"
            if addr.startswith("T")
            else {"BTC": "bitcoin", "SOL": "solana", "USDC": "solana"}.get(asset, asset.lower()),
            "type": "address",
            "hash": addr,
        },
        "customer": {
            "reference": f"{p['full_latn']} / {p['email']}",
            "id": "cust-" + str(r.randint(10**5, 10**6)),
        },
        "blockchain_info": {
            "cluster": {
                "inflow_value": {"usd": round(r.uniform(10, 10**6), 2)},
                "outflow_value": {"usd": round(r.uniform(10, 10**6), 2)},
            }
        },
        "created_at": d.ts("iso_ms"),
        "updated_at": d.ts("iso_ms"),
        "analysed_at": d.ts("iso_ms"),
        "analysed_by": {"id": d.uuid(), "type": "api_key"},
        "risk_score": round(r.uniform(0, 10), 3),
        "risk_score_detail": {"source": r.randint(0, 10), "destination": r.randint(0, 10)},
        "evaluation_detail": {
            "source": [
                {
                    "rule_id": d.uuid(),
                    "rule_name": r.choice(["Illicit", "Sanctions", "Dark Market"]),
                    "risk_score": round(r.uniform(1, 10), 2),
                    "matched_elements": [
                        {
                            "category": "Dark Market",
                            "contribution_percentage": round(r.uniform(0, 100), 2),
                            "contribution_value": {"usd": round(r.uniform(1, 10000), 2)},
                        }
                    ],
                }
            ]
        },
        "error": None,
    }
    d.P("PERSON", p["full_latn"])
    d.email(p)
    d.body = dumps(r, obj)


def s_exchange_ledger(d: Doc) -> None:
    r = d.r
    p = d.person()
    uid = r.randint(10**6, 10**8)
    d.path = f"/admin/api/users/{uid}/ledger?types=deposit,withdrawal&limit=25"
    rows = []
    for _ in range(r.randint(4, 8)):
        kind = r.choice(["deposit", "withdrawal", "withdrawal", "fiat_deposit", "fiat_withdrawal"])
        row = {
            "id": d.uuid(),
            "type": kind,
            "status": r.choice(["completed", "pending", "on_hold", "rejected"]),
            "created_at": d.ts("iso_ms"),
        }
        if kind in ("deposit", "withdrawal"):
            a, asset = d.wallet()
            net = {
                "BTC": "BTC",
                "LTC": "LTC",
                "DOGE": "DOGE",
                "BCH": "BCH",
                "XRP": "XRPL",
                "SOL": "SOL",
                "ADA": "CARDANO",
                "XLM": "STELLAR",
                "DOT": "POLKADOT",
                "ATOM": "COSMOS",
            }.get(asset)
            net = net or ("TRC20" if a.startswith("T") else r.choice(["ERC20", "BEP20", "ARBITRUM"]))
            row.update(
                {
                    "asset": asset,
                    "amount": str(round(r.uniform(0.001, 50), 6)),
                    "network": net,
                    "address": a,
                    "txid": d.txh("eth" if a.startswith("0x") else "btc"),
                    "confirmations": r.randint(0, 120),
                }
            )
            if kind == "withdrawal" and r.random() < 0.5:
                row["travel_rule"] = {
                    "beneficiary_name": d.name(p, r.choice(["natural", "upper"])),
                    "beneficiary_vasp": r.choice(["self-hosted", "Kraken", "Coinbase", "Bitstamp"]),
                    "beneficiary_address": d.addr(p) if r.random() < 0.5 else None,
                    "originator_account": str(uid),
                }
        else:
            row.update(
                {
                    "currency": d.cur(),
                    "amount": d.amount("EUR"),
                    "rail": r.choice(["SEPA", "SWIFT", "FPS", "PIX", "SPEI"]),
                    "counterparty": {
                        "name": d.name(p, "upper"),
                        "iban": d.iban(p) if p["iban"] else None,
                        "account": None if p["iban"] else d.account(p),
                        "bic": d.bic(),
                    },
                }
            )
        rows.append(row)
    obj = {
        "user": {
            "id": uid,
            "email": d.email(p),
            "kyc_level": r.randint(0, 3),
            "country": p["cc"],
            "created_at": d.ts("iso_z"),
            "last_login_ip": d.ip(p),
        },
        "ledger": rows,
        "next_cursor": V.rbytes(r, 8).hex(),
        "served_by": {"region": d.region()[0], "site": d.region()[1], "node": d.host()},
    }
    d.body = dumps(r, obj)


def s_travel_rule_trp(d: Doc) -> None:
    r = d.r
    a = d.person()
    b = d.person()
    d.path = f"/v1/travel-rule/transfers/{d.uuid()}"
    addr, asset = d.wallet()
    obj = {
        "transferId": d.uuid(),
        "protocol": r.choice(["TRP", "OpenVASP", "Sygna"]),
        "asset": asset,
        "amount": str(round(r.uniform(0.01, 10), 6)),
        "txHash": d.txh("eth" if addr.startswith("0x") else "btc"),
        "beneficiaryAddress": addr,
        "status": r.choice(["ACCEPTED", "PENDING", "REJECTED"]),
        "sender": {
            "vasp": {
                "name": "Ledgerline Ltd",
                "lei": "5493" + V.digits(r, 14) + "14",
                "endpoint": f"https://{d.host()}/trp",
            },
            "customer": {
                "fullName": d.name(a, r.choice(["natural", "latn", "upper"])),
                "accountNumber": "LL-" + str(r.randint(10**6, 10**7)),
                "dateOfBirth": d.dob(a, style="iso"),
                "placeOfBirth": a["address"]["city"],
                "residence": d.addr(a),
                "nationalId": {"type": a["national_id"][0], "value": d.nid(a), "country": a["cc"]},
            },
        },
        "receiver": {
            "vasp": {
                "name": r.choice(["Bitpanda GmbH", "Upbit", "Bitso", "Coins.ph"]),
                "did": "did:web:" + r.choice(["bitpanda.com", "upbit.com", "bitso.com"]),
            },
            "customer": {"fullName": d.name(b, r.choice(["natural", "latn"])), "walletAddress": addr},
        },
        "createdAt": d.ts("iso_ms"),
    }
    d.body = dumps(r, obj)


def s_aamva(d: Doc) -> None:
    r = d.r
    p = d.person("US")
    d.path = f"/kyc/v2/documents/{d.uuid()}/barcode"
    dob = p["dob"]
    st = r.choice([("CA", "636014"), ("NY", "636001"), ("TX", "636015"), ("FL", "636010"), ("IL", "636035")])
    lic = d.dl(p)
    raw = (
        f"@\n\u001e\rANSI {st[1]}090102DL00410279ZC03200024DLDAQ{lic.replace('-', '').replace(' ', '')}\nDCS{d.P('PERSON', p['family_latn'].upper())}\nDACJ{p['given_latn'].upper()[1:]}\n"
        f"DAC{p['given_latn'].upper()}\nDADNONE\nDBD{r.randint(1, 12):02d}{r.randint(1, 28):02d}{r.randint(2018, 2024)}\nDBB{d.P('DATE_OF_BIRTH', dob.strftime('%m%d%Y'))}\n"
        f"DBA{r.randint(1, 12):02d}{r.randint(1, 28):02d}{r.randint(2026, 2031)}\nDBC{2 if p['female'] else 1}\nDAYBRO\nDAU068 IN\n"
        f"DAG{d.P('STREET_ADDRESS', p['address']['line1'].upper())}\nDAI{p['address']['city'].upper()}\nDAJ{st[0]}\nDAK{p['address']['postcode']}0000\nDCF{V.digits(r, 10)}\nDCGUSA\nDDEN\nDDFN\nDDGN\r"
    )
    d.P("DRIVER_LICENSE", lic.replace("-", "").replace(" ", ""))
    raw = raw.replace(f"DACJ{p['given_latn'].upper()[1:]}\n", "")
    obj = {
        "documentId": d.uuid(),
        "source": "PDF417",
        "decoded": True,
        "raw": raw,
        "parsed": {
            "firstName": p["given_latn"],
            "lastName": p["family_latn"],
            "fullName": d.name(p, "latn"),
            "dateOfBirth": d.dob(p, style="iso"),
            "licenseNumber": lic,
            "address": d.addr(p),
            "state": st[0],
        },
        "checks": {"aamvaVersion": 9, "iin": st[1]},
    }
    d.body = dumps(r, obj)


def s_seon(d: Doc) -> None:
    r = d.r
    p = d.person()
    d.path = "/SeonRestService/fraud-api/v2/"
    obj = {
        "success": True,
        "error": {},
        "data": {
            "id": d.rid("", 10),
            "state": r.choice(["APPROVE", "REVIEW", "DECLINE"]),
            "fraud_score": round(r.uniform(0, 100), 2),
            "ip_details": {
                "ip": d.ip(p),
                "score": round(r.uniform(0, 30), 1),
                "country": p["cc"],
                "city": p["address"]["city"],
                "isp_name": r.choice(["Deutsche Telekom AG", "Comcast Cable", "NTT Docomo", "Vodafone"]),
                "tor": False,
                "vpn": r.random() < 0.2,
            },
            "email_details": {
                "email": d.email(p),
                "score": r.randint(0, 20),
                "deliverable": True,
                "domain_details": {"domain": p["email"].split("@")[1], "free": True},
                "account_details": {
                    "facebook": {"registered": r.random() < 0.5},
                    "google": {"registered": True},
                },
            },
            "phone_details": {
                "number": d.P(
                    "PHONE_NUMBER", "+" + "".join(ch for ch in V.e164(p["phone"], p["cc"]) if ch.isdigit())
                ),
                "valid": True,
                "type": "MOBILE",
                "country": p["cc"],
                "carrier": r.choice(["Vodafone", "T-Mobile", "Orange", "SoftBank"]),
            },
            "applied_rules": [
                {
                    "id": "E" + str(r.randint(100, 999)),
                    "name": r.choice(
                        ["Email has no social profiles", "IP is a proxy", "Phone not registered"]
                    ),
                    "operation": "+",
                    "score": round(r.uniform(1, 10), 1),
                }
            ],
            "device_details": {"session_id": d.uuid(), "os": d.version()},
            "calculation_time": r.randint(200, 2000),
            "seon_id": r.randint(10**5, 10**6),
            "user_fullname": d.name(p),
            "user_dob": d.dob(p, style="iso"),
        },
    }
    d.body = dumps(r, obj)


def s_minfraud(d: Doc) -> None:
    r = d.r
    p = d.person()
    d.path = "/minfraud/v2.0/insights"
    bill = {
        "first_name": p["given_latn"],
        "last_name": d.family(p, True),
        "address": d.street(p),
        "city": p["address"]["city"],
        "postal": p["address"]["postcode"],
        "country": p["cc"],
        "phone_number": d.phone(p),
    }
    obj = {
        "id": d.uuid(),
        "risk_score": round(r.uniform(0.01, 99), 2),
        "funds_remaining": round(r.uniform(1, 500), 2),
        "queries_remaining": r.randint(100, 100000),
        "ip_address": {
            "risk": round(r.uniform(0, 99), 2),
            "city": {"names": {"en": p["address"]["city"]}},
            "country": {"iso_code": p["cc"]},
            "traits": {"ip_address": d.ip(p), "is_anonymous": False, "isp": "Orange"},
        },
        "billing_address": {"is_postal_in_city": True, "distance_to_ip_location": r.randint(1, 900)},
        "credit_card": {
            "issuer": {"name": r.choice(["Chase", "Barclays", "BNP Paribas", "Revolut"])},
            "brand": p["card_brand"].title(),
            "country": p["cc"],
            "is_prepaid": False,
            "type": "credit",
        },
        "email": {
            "first_seen": f"20{r.randint(10, 24)}-0{r.randint(1, 9)}-1{r.randint(0, 9)}",
            "is_free": True,
            "is_high_risk": False,
            "domain": {"first_seen": "1995-08-13"},
        },
        "disposition": {"action": r.choice(["accept", "manual_review", "reject"]), "reason": "default"},
        "warnings": [{"code": "BILLING_POSTAL_NOT_FOUND", "warning": "Billing postal could not be found."}],
        "request_echo": {
            "billing": bill,
            "email": {"address": d.email(p)},
            "account": {"user_id": str(r.randint(10**5, 10**7)), "username_md5": V.rbytes(r, 16).hex()},
            "credit_card": {"issuer_id_number": p["card"][:6], "last_digits": p["card"][-4:]},
        },
    }
    d.body = dumps(r, obj)


def s_mt103(d: Doc) -> None:
    r = d.r
    a = d.person(r.choice(["DE", "FR", "NL", "ES", "IT", "GB", "CH", "AE", "TR", "PL"]))
    b = d.person()
    d.path = f"/ops/payments/swift/{d.D('record_id', 'MT103' + V.digits(r, 10))}.txt"
    d.content_type = "text/plain"
    ref = "".join(r.choice(string.ascii_uppercase + string.digits) for _ in range(14))
    d.D("record_id", ref)
    a_acct = a["iban"] or a["bank"].get("account") or V.iban(r, "DE")
    d.P("IBAN_CODE" if a_acct[:2].isalpha() else "BANK_ACCOUNT", a_acct)
    if b["iban"]:
        b_acct = d.iban(b, "compact")
    elif "clabe" in b["bank"]:
        b_acct = d.account(b)
    else:
        b_acct = d.account(b)
    amt = f"{r.randint(100, 90000)},{r.randint(0, 99):02d}"
    curx = r.choice(["EUR", "USD", "GBP", "CHF"])
    nm_a = d.P("PERSON", V.ascii_fold(a["full_latn"]).upper())
    nm_b = d.P("PERSON", V.ascii_fold(b["full_latn"]).upper())
    a_street = d.P("STREET_ADDRESS", V.ascii_fold(a["address"]["line1"]).upper()[:35])
    b_street = (
        d.P("STREET_ADDRESS", V.ascii_fold(b["address"]["line1"]).upper()[:35])
        if b["address"]["line1"].isascii()
        or b["cc"] not in ("JP", "CN", "KR", "TH", "SA", "RU", "UA", "GR", "IL")
        else None
    )
    lines = (
        [
            f"{{1:F01{r.choice(V.BICS)[:8]}AXXX{V.digits(r, 10)}}}{{2:I103{r.choice(V.BICS)[:8]}XXXXN}}{{3:{{108:{ref[:16]}}}{{121:{d.uuid()}}}}}{{4:",
            f":20:{ref}",
            ":23B:CRED",
            f":32A:{r.randint(24, 25)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}{curx}{amt}",
            f":50K:/{a_acct}",
            nm_a,
            a_street,
            f"{a['address']['postcode']} {V.ascii_fold(a['address']['city']).upper()}",
            f":52A:{d.bic()}",
            f":57A:{d.bic()}",
            f":59:/{b_acct}",
            nm_b,
        ]
        + ([b_street] if b_street else [])
        + [f":70:{r.choice(['INVOICE ', 'RENT ', 'FAMILY SUPPORT ', 'REF '])}{d.invoice()}", ":71A:SHA", "-}"]
    )
    d.body = "\n".join(lines) + "\n"


def s_iso20022(d: Doc) -> None:
    r = d.r
    d.path = f"/ops/payments/sepa/{d.uuid()}.xml"
    d.content_type = "text/plain"
    msg = "MSG-" + V.digits(r, 10)
    d.D("record_id", msg)
    txs = []
    dbt = d.person(r.choice(["DE", "FR", "NL", "ES", "IT", "BE", "AT" if False else "PT"]))
    for _ in range(r.randint(1, 3)):
        c = d.person(
            r.choice(
                ["DE", "FR", "NL", "ES", "IT", "BE", "PT", "PL", "IE" if False else "FI" if False else "SE"]
            )
        )
        e2e = "E2E-" + V.digits(r, 12)
        d.D("record_id", e2e)
        txs.append(f"""      <CdtTrfTxInf>
        <PmtId><EndToEndId>{e2e}</EndToEndId></PmtId>
        <Amt><InstdAmt Ccy="EUR">{r.randint(5, 9000)}.{r.randint(0, 99):02d}</InstdAmt></Amt>
        <CdtrAgt><FinInstnId><BICFI>{d.bic()}</BICFI></FinInstnId></CdtrAgt>
        <Cdtr><Nm>{esc(d.name(c, r.choice(["natural", "upper", "latn"])))}</Nm><PstlAdr><StrtNm>{esc(d.street(c))}</StrtNm><TwnNm>{esc(c["address"]["city"])}</TwnNm><Ctry>{c["cc"]}</Ctry></PstlAdr></Cdtr>
        <CdtrAcct><Id><IBAN>{d.iban(c, "compact")}</IBAN></Id></CdtrAcct>
        <RmtInf><Ustrd>{esc(r.choice(["Erstattung ", "Remboursement ", "Refund "]) + d.order())}</Ustrd></RmtInf>
      </CdtTrfTxInf>""")
    body = f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09">
  <CstmrCdtTrfInitn>
    <GrpHdr><MsgId>{msg}</MsgId><CreDtTm>{d.ts("iso_off")}</CreDtTm><NbOfTxs>{len(txs)}</NbOfTxs><InitgPty><Nm>Ledgerline Payments B.V.</Nm></InitgPty></GrpHdr>
    <PmtInf>
      <PmtInfId>{d.D("record_id", "PMT-" + V.digits(r, 8))}</PmtInfId><PmtMtd>TRF</PmtMtd>
      <Dbtr><Nm>{esc(d.name(dbt, "natural"))}</Nm></Dbtr>
      <DbtrAcct><Id><IBAN>{d.iban(dbt, "compact")}</IBAN></Id></DbtrAcct>
{chr(10).join(txs)}
    </PmtInf>
  </CstmrCdtTrfInitn>
</Document>
"""
    d.body = body


def s_nacha(d: Doc) -> None:
    r = d.r
    d.path = f"/ops/ach/outbound/{d.D('record_id', 'ACH' + V.digits(r, 8))}.txt"
    d.content_type = "text/plain"
    lines = [
        f"101 {V.aba_routing(r)} {V.digits(r, 10)}{r.randint(24, 25)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}1200A094101LEDGERLINE BANK        LEDGERLINE INC         ",
        f"5220LEDGERLINE INC                      {V.digits(r, 10)}PPDREFUND    {r.randint(24, 25)}0101   1{V.digits(r, 8)}0000001",
    ]
    for i in range(r.randint(3, 6)):
        p = d.person("US")
        rt = V.aba_routing(r)
        acct = d.P("BANK_ACCOUNT", V.digits(r, r.choice([9, 10, 12]), True))
        nm = V.ascii_fold(p["full_latn"]).upper()[:22]
        d.P("PERSON", nm.strip())
        amt = f"{r.randint(100, 999999):010d}"
        lines.append(f"622{rt}{acct:<17}{amt}{('ID' + V.digits(r, 6)):<15}{nm:<22}  0{V.digits(r, 15)}")
    lines.append(
        f"822000000{len(lines) - 2:04d}{V.digits(r, 10)}000000000000{V.digits(r, 12)}{V.digits(r, 10)}                         {V.digits(r, 8)}0000001"
    )
    lines.append("9000001000001" + V.digits(r, 8) + V.digits(r, 10) + "0" * 12 + V.digits(r, 12) + " " * 39)
    d.body = "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# logs and data stores
# ---------------------------------------------------------------------------------------------


def s_jsonl_audit(d: Doc) -> None:
    r = d.r
    d.path = f"/admin/audit/export?date={r.randint(2024, 2025)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}&format=jsonl"
    d.content_type = "text/plain"
    lines = []
    for _ in range(r.randint(4, 8)):
        p = d.person()
        ev = r.choice(
            [
                "profile.update",
                "login.success",
                "withdrawal.create",
                "kyc.submit",
                "payout.bank_added",
                "2fa.reset",
            ]
        )
        o = {
            "ts": d.ts("iso_ms"),
            "event": ev,
            "actor": {"type": "customer", "id": r.randint(10**6, 10**8), "ip": d.ip(p)},
            "request_id": d.trace(),
            "svc": d.host(),
            "dc": d.region()[1] if r.random() < 0.4 else None,
        }
        if ev == "profile.update":
            o["changes"] = {"phone": [d.phone(p, True), d.phone(p)], "address.line1": [None, d.street(p)]}
        elif ev == "login.success":
            o["user"] = {"email": d.email(p), "ua": "okhttp/4.12.0"}
        elif ev == "withdrawal.create":
            a, asset = d.wallet()
            o["withdrawal"] = {
                "asset": asset,
                "to": a,
                "amount": str(round(r.uniform(0.01, 20), 4)),
                "id": d.uuid(),
            }
        elif ev == "kyc.submit":
            o["subject"] = {
                "name": d.name(p),
                "dob": d.dob(p, style="iso"),
                "doc": {"type": "passport", "number": d.passport(p)},
            }
        elif ev == "payout.bank_added":
            o["bank"] = (
                {"holder": d.name(p, "upper"), "iban": d.iban(p, "compact")}
                if p["iban"]
                else {"holder": d.name(p, "upper"), "account": d.account(p)}
            )
        else:
            o["contact"] = {"email": d.email(p), "phone": d.phone(p)}
        lines.append(json.dumps(o, ensure_ascii=False, separators=(",", ":")))
    d.body = "\n".join(lines) + "\n"


def s_syslog(d: Doc) -> None:
    r = d.r
    d.path = "/ops/logs/tail?source=auth-gateway&lines=50"
    d.content_type = "text/plain"
    lines = []
    for i in range(r.randint(5, 9)):
        p = d.person()
        pri = r.choice([134, 131, 132, 86, 38])
        ts = d.ts("iso_ms")
        host = d.host()
        app = r.choice(["auth-gw", "kyc-svc", "payout-worker", "support-api"])
        kind = r.randint(0, 4)
        if kind == 0:
            msg = f'[meta sequenceId="{r.randint(1, 99999)}"] login ok user="{d.email(p)}" src={d.ip(p)} mfa=totp'
        elif kind == 1:
            msg = f'- failed password for "{d.email(p)}" from {d.ip(p)} port {r.randint(1024, 65535)} ssh2'
        elif kind == 2:
            msg = f'- payout queued holder="{d.name(p, "upper")}" account={d.iban(p, "compact") if p["iban"] else d.account(p)} amount={d.amount()}'
        elif kind == 3:
            msg = f"- sms otp sent to {d.phone(p)} template=login_otp provider=msg91 err={d.err()}"
        else:
            msg = f'- kyc doc accepted name="{d.name(p, "latn")}" dob={d.dob(p, style="iso")} doc_no={d.passport(p)}'
        lines.append(
            f"<{pri}>1 {ts} {host} {app} {r.randint(100, 60000)} {r.choice(['ID47', 'AUTH', 'PAYOUT', 'KYC'])} {msg}"
        )
    d.body = "\n".join(lines) + "\n"


def s_cef_leef(d: Doc) -> None:
    r = d.r
    d.path = "/siem/events/export?fmt=raw"
    d.content_type = "text/plain"
    lines = []
    for _ in range(r.randint(4, 8)):
        p = d.person()
        if r.random() < 0.5:
            lines.append(
                f"CEF:0|Ledgerline|AccountGuard|{d.version()}|{r.randint(100, 999)}|{r.choice(['Suspicious login', 'New device', 'Withdrawal address added'])}|{r.randint(3, 9)}|"
                f"rt={d.ts_ms()} src={d.ip(p)} suser={d.email(p)} suid={r.randint(10**6, 10**7)} cs1Label=fullName cs1={d.name(p, 'latn')} "
                f"cs2Label=phone cs2={d.phone(p)} dhost={d.host()} cs3Label=wallet cs3={d.wallet()[0]}"
            )
        else:
            lines.append(
                f"LEEF:2.0|Ledgerline|SupportConsole|{d.version()}|RecordViewed|^|devTime={d.ts('iso_ms')}^src={d.ip(p)}^usrName=agent_{r.randint(10, 99)}"
                f"^customerName={d.name(p)}^customerEmail={d.email(p)}^customerDob={d.dob(p, style='iso')}^identSrc={d.host()}^cat=pii.view"
            )
    d.body = "\n".join(lines) + "\n"


def s_elastic(d: Doc) -> None:
    r = d.r
    idx = r.choice(["customers-v3", "support-tickets-2025.03", "kyc-cases"])
    d.path = f"/{idx}/_search?q=" + urllib.parse.quote(r.choice(["status:open", "country:DE", "risk:high"]))
    hits = []
    for _ in range(r.randint(2, 4)):
        p = d.person()
        src = {
            "customer_id": r.randint(10**6, 10**8),
            "full_name": d.name(p),
            "name_keyword": d.P("PERSON", p["full_latn"].lower()),
            "contact": {"email": d.email(p), "phone": [d.phone(p), d.phone(p, True)]},
            "address": {
                "street": d.street(p),
                "city": p["address"]["city"],
                "zip": p["address"]["postcode"],
                "country_code": p["cc"],
            },
            "birth_date": d.dob(p, style="iso"),
            "last_ip": d.ip(p),
            "tags": ["vip"] if r.random() < 0.2 else [],
            "@timestamp": d.ts("iso_ms"),
        }
        hits.append(
            {
                "_index": idx,
                "_id": d.rid("", 20),
                "_score": round(r.uniform(1, 12), 6),
                "_source": src,
                "highlight": {"full_name": [f"<em>{p['full']}</em>"]},
            }
        )
    obj = {
        "took": r.randint(1, 90),
        "timed_out": False,
        "_shards": {"total": 3, "successful": 3, "skipped": 0, "failed": 0},
        "hits": {"total": {"value": len(hits), "relation": "eq"}, "max_score": 11.2, "hits": hits},
    }
    d.body = dumps(r, obj)


def s_dynamodb(d: Doc) -> None:
    r = d.r
    d.path = "/dynamodb/query?TableName=support-customer-profiles"
    items = []
    for _ in range(r.randint(2, 4)):
        p = d.person()
        it = {
            "pk": {"S": f"CUST#{r.randint(10**6, 10**8)}"},
            "sk": {"S": "PROFILE"},
            "fullName": {"S": d.name(p)},
            "email": {"S": d.email(p)},
            "phones": {"SS": [d.phone(p), d.phone(p, True)]},
            "dob": {"S": d.dob(p, style="iso")},
            "kycLevel": {"N": str(r.randint(0, 3))},
            "address": {
                "M": {
                    "line1": {"S": d.street(p)},
                    "city": {"S": p["address"]["city"]},
                    "postcode": {"S": p["address"]["postcode"] or "-"},
                    "country": {"S": p["cc"]},
                }
            },
            "updatedAt": {"N": d.ts("epoch")},
            "flags": {"L": [{"S": "pep_checked"}, {"BOOL": True}]},
        }
        if r.random() < 0.5:
            it["payout"] = {
                "M": {"iban": {"S": d.iban(p, "compact")}} if p["iban"] else {"account": {"S": d.account(p)}}
            }
        if r.random() < 0.4:
            it["ssn"] = {"S": d.nid(p)}
        items.append(it)
    d.body = dumps(
        r,
        {
            "Items": items,
            "Count": len(items),
            "ScannedCount": len(items) + r.randint(0, 20),
            "ConsumedCapacity": None,
        },
    )


def s_firestore(d: Doc) -> None:
    r = d.r
    proj = r.choice(["ledgerline-prod", "ll-support-eu"])
    d.path = f"/v1/projects/{proj}/databases/(default)/documents/customers?pageSize=10"
    docs = []
    for _ in range(r.randint(1, 3)):
        p = d.person()
        docs.append(
            {
                "name": f"projects/{proj}/databases/(default)/documents/customers/{d.rid('', 20)}",
                "fields": {
                    "displayName": {"stringValue": d.name(p)},
                    "email": {"stringValue": d.email(p)},
                    "phoneNumber": {"stringValue": d.phone(p)},
                    "birthday": {"timestampValue": p["dob"].isoformat() + "T00:00:00Z"},
                    "verified": {"booleanValue": r.random() < 0.7},
                    "balanceCents": {"integerValue": str(r.randint(0, 10**7))},
                    "address": {
                        "mapValue": {
                            "fields": {
                                "street": {"stringValue": d.street(p)},
                                "city": {"stringValue": p["address"]["city"]},
                                "country": {"stringValue": p["cc"]},
                            }
                        }
                    },
                    "wallets": {"arrayValue": {"values": [{"stringValue": d.wallet()[0]}]}},
                    "lastSeenIp": {"stringValue": d.ip(p)},
                },
                "createTime": d.ts("iso_ms"),
                "updateTime": d.ts("iso_ms"),
            }
        )
        d.P("DATE_OF_BIRTH", p["dob"].isoformat() + "T00:00:00Z")
    d.body = dumps(r, {"documents": docs, "nextPageToken": V.rbytes(r, 12).hex()})


def s_protobuf_any(d: Doc) -> None:
    r = d.r
    p = d.person()
    d.path = f"/v1/cases/{r.randint(10**5, 10**7)}:inspect"
    obj = {
        "name": f"cases/{r.randint(10**5, 10**7)}",
        "state": "NEEDS_REVIEW",
        "createTime": d.ts("iso_z"),
        "details": [
            {
                "@type": "type.googleapis.com/ledgerline.kyc.v1.IdentitySnapshot",
                "givenName": p["given"],
                "familyName": d.family(p),
                "birthDate": {"year": p["dob"].year, "month": p["dob"].month, "day": p["dob"].day},
                "displayName": d.name(p),
                "document": {"kind": "PASSPORT", "number": d.passport(p), "issuingCountry": p["cc"]},
            },
            {
                "@type": "type.googleapis.com/ledgerline.crm.v1.ContactPoint",
                "email": d.email(p),
                "phoneE164": d.P("PHONE_NUMBER", V.e164(p["phone"], p["cc"])),
                "postalAddress": {
                    "addressLines": [d.street(p)],
                    "locality": p["address"]["city"],
                    "postalCode": p["address"]["postcode"],
                    "regionCode": p["cc"],
                },
            },
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": d.err(),
                "domain": d.host(),
                "metadata": {"service": "kyc.ledgerline.io"},
            },
        ],
        "etag": base64.b64encode(V.rbytes(r, 9)).decode(),
    }
    d.body = dumps(r, obj)


def s_jsonapi(d: Doc) -> None:
    r = d.r
    d.path = "/api/profiles/?filter=equals(email,%22" + "x" + "%22)&include=lists"
    data, inc = [], []
    for _ in range(r.randint(1, 3)):
        p = d.person()
        pid = "01" + "".join(r.choice("0123456789ABCDEFGHJKMNPQRSTVWXYZ") for _ in range(24))
        d.D("record_id", pid)
        lid = "".join(r.choice(string.ascii_letters + string.digits) for _ in range(6))
        data.append(
            {
                "type": "profile",
                "id": pid,
                "attributes": {
                    "email": d.email(p),
                    "phone_number": d.P("PHONE_NUMBER", V.e164(p["phone"], p["cc"])),
                    "first_name": p["given"],
                    "last_name": d.family(p),
                    "organization": None,
                    "title": None,
                    "location": {
                        "address1": d.street(p),
                        "address2": p["address"]["line2"] or None,
                        "city": p["address"]["city"],
                        "country": p["cc"],
                        "zip": p["address"]["postcode"],
                        "ip": d.ip(p),
                    },
                    "properties": {
                        "Birthday": d.dob(p, style="iso"),
                        "Loyalty Tier": "Gold",
                        "full_name_native": d.name(p, "natural"),
                    },
                    "created": d.ts("iso_off"),
                },
                "relationships": {"lists": {"data": [{"type": "list", "id": lid}]}},
                "links": {"self": f"https://a.klaviyo.com/api/profiles/{pid}/"},
            }
        )
        inc.append(
            {
                "type": "list",
                "id": lid,
                "attributes": {
                    "name": r.choice(["Newsletter EU", "Card waitlist", "VIP"]),
                    "created": d.ts("iso_off"),
                },
            }
        )
    d.body = dumps(
        r,
        {
            "data": data,
            "included": inc,
            "links": {"self": "https://a.klaviyo.com/api/profiles/", "next": None},
        },
    )
    d.path = "/api/profiles/?include=lists&page[size]=20"


def s_hal(d: Doc) -> None:
    r = d.r
    d.path = "/api/v2/customers?page=1&size=5"
    cs = []
    for _ in range(r.randint(2, 4)):
        p = d.person()
        cid = r.randint(10**5, 10**7)
        cs.append(
            {
                "customerId": cid,
                "name": {"given": p["given"], "family": d.family(p), "formatted": d.name(p)},
                "emailAddress": d.email(p),
                "mobile": d.phone(p),
                "dateOfBirth": d.dob(p),
                "residentialAddress": d.addr(p),
                "_links": {
                    "self": {"href": f"https://{d.host()}/api/v2/customers/{cid}"},
                    "accounts": {"href": f"/api/v2/customers/{cid}/accounts"},
                },
                "_embedded": {
                    "accounts": [
                        {"accountId": d.uuid(), "iban": d.iban(p)}
                        if p["iban"]
                        else {"accountId": d.uuid(), "number": d.account(p)}
                    ]
                },
            }
        )
    d.body = dumps(
        r,
        {
            "_links": {"self": {"href": d.path}, "next": {"href": "/api/v2/customers?page=2&size=5"}},
            "_embedded": {"customers": cs},
            "page": {"size": 5, "totalElements": r.randint(6, 900), "number": 1},
        },
    )


def s_xml_in_json(d: Doc) -> None:
    r = d.r
    p = d.person()
    d.path = f"/legacy/soap-bridge/GetCustomer?id={r.randint(10**5, 10**7)}"
    nm = esc(d.name(p, r.choice(["natural", "upper", "last_first"])))
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetCustomerResponse>'
        f'<Customer id="{r.randint(10**5, 10**7)}"><Name>{nm}</Name><Email>{d.email(p)}</Email><Phone type="mobile">{d.phone(p)}</Phone>'
        f"<BirthDate>{d.dob(p, style='iso')}</BirthDate><Address><Street>{esc(d.street(p))}</Street><City>{esc(p['address']['city'])}</City><Country>{p['cc']}</Country></Address>"
        f"<TaxId>{d.nid(p)}</TaxId><Card><Pan>{d.card(p, 'compact')}</Pan><Expiry>{V.card_expiry(r)}</Expiry></Card></Customer>"
        f"</GetCustomerResponse></soap:Body></soap:Envelope>"
    )
    obj = {
        "bridge": "soap-legacy",
        "upstream": d.host(),
        "status": 200,
        "elapsed_ms": r.randint(20, 900),
        "payload": xml,
        "trace": d.trace(),
    }
    d.body = dumps(r, obj)


def s_yaml(d: Doc) -> None:
    r = d.r
    p = d.person()
    d.path = f"/internal/debug/customer/{r.randint(10**5, 10**7)}.yaml"
    d.content_type = "text/plain"
    q = lambda s: f'"{s}"' if r.random() < 0.4 else s  # noqa: E731
    lines = [
        "---",
        f"id: {r.randint(10**5, 10**7)}",
        f"created: {d.ts('iso_z')}",
        "profile:",
        f"  name: {q(d.name(p))}",
        f"  email: {d.email(p)}",
        f"  phone: {q(d.phone(p))}",
        f"  dob: {d.dob(p, style='iso')}",
        "  address:",
        f"    line1: {q(d.street(p))}",
        f"    city: {p['address']['city']}",
        f"    country: {p['cc']}",
        "kyc:",
        f"  level: {r.randint(1, 3)}",
        "  documents:",
        "    - type: passport",
        f"      number: {d.passport(p)}",
        "    - type: national_id",
        f"      number: {q(d.nid(p))}",
        "payout_methods:",
    ]
    if p["iban"]:
        lines += ["  - kind: sepa", f"    iban: {d.iban(p)}", f"    bic: {d.bic()}"]
    else:
        lines += ["  - kind: local", f"    account: {q(d.account(p))}"]
    a, asset = d.wallet()
    lines += [
        "  - kind: crypto",
        f"    asset: {asset}",
        f"    address: {a}",
        "notes: |",
        f"  {say(d, p, k=r.choice([0, 1, 6]))}",
        f"  agent: {r.choice(AGENTS)}",
        f"build: {d.build()}",
    ]
    d.body = "\n".join(lines) + "\n"


def s_logfmt(d: Doc) -> None:
    r = d.r
    d.path = "/ops/logs/query?app=payments-api&since=15m"
    d.content_type = "text/plain"
    lines = []
    for _ in range(r.randint(5, 9)):
        p = d.person()
        lvl = r.choice(["info", "warn", "error"])
        k = r.randint(0, 3)
        if k == 0:
            kv = f'msg="card authorization" pan={d.card(p, "compact")} exp={V.card_expiry(r)} amount={d.amount("EUR").replace(" ", "")} result={r.choice(["approved", "declined"])}'
        elif k == 1:
            kv = f'msg="payout created" beneficiary="{d.name(p)}" iban={d.iban(p, "compact") if p["iban"] else d.account(p)} bic={d.bic()}'
        elif k == 2:
            kv = f'msg="contact verified" email={d.email(p)} phone="{d.phone(p)}" ip={d.ip(p)}'
        else:
            kv = f'msg="address check" addr="{d.addr(p)}" score={round(r.uniform(0, 1), 3)}'
        lines.append(f"ts={d.ts('iso_ms')} level={lvl} svc={d.host()} trace_id={d.trace()} {kv}")
    d.body = "\n".join(lines) + "\n"


def s_fixed_width(d: Doc) -> None:
    r = d.r
    d.path = (
        f"/reports/daily/kyc_review_{r.randint(2024, 2025)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}.txt"
    )
    d.content_type = "text/plain"
    head = f"{'CUST NO':<10}{'NAME':<28}{'DOB':<12}{'PHONE':<20}{'DOC NO':<16}{'STATUS':<10}"
    lines = [
        f"LEDGERLINE LTD - KYC REVIEW QUEUE        RUN {d.ts('space')}   PAGE 1",
        "",
        head,
        "-" * len(head),
    ]
    for _ in range(r.randint(5, 9)):
        p = d.person()
        nm = V.ascii_fold(p["full_latn"]).upper()[:27]
        d.P("PERSON", nm.strip())
        dob = d.P("DATE_OF_BIRTH", p["dob"].strftime("%d/%m/%Y"))
        ph = d.phone(p)
        doc = d.passport(p) if r.random() < 0.5 else d.nid(p)
        lines.append(
            f"{r.randint(10**6, 10**7):<10}{nm:<28}{dob:<12}{ph:<20}{doc:<16}{r.choice(['PENDING', 'ESCALATE', 'CLEARED']):<10}"
        )
    lines += ["", f"TOTAL RECORDS: {len(lines) - 4}", f"GENERATED BY {d.host()} {d.build()}"]
    d.body = "\n".join(lines) + "\n"


def s_mongo(d: Doc) -> None:
    r = d.r
    d.path = "/admin/db/customers/find?limit=3"
    docs = []
    for _ in range(r.randint(1, 3)):
        p = d.person()
        oid = V.rbytes(r, 12).hex()
        d.D("record_id", oid)
        docs.append(
            {
                "_id": {"$oid": oid},
                "name": {"first": p["given"], "last": d.family(p), "display": d.name(p)},
                "email": d.email(p),
                "phone": d.phone(p),
                "dob": {"$date": p["dob"].isoformat() + "T00:00:00.000Z"},
                "balance": {"$numberDecimal": f"{r.uniform(0, 9999):.2f}"},
                "address": {
                    "street": d.street(p),
                    "city": p["address"]["city"],
                    "zip": p["address"]["postcode"],
                },
                "ssn_or_id": d.nid(p),
                "createdAt": {"$date": {"$numberLong": d.ts_ms()}},
                "schemaVersion": {"$numberInt": "4"},
            }
        )
        d.P("DATE_OF_BIRTH", p["dob"].isoformat() + "T00:00:00.000Z")
    d.body = dumps(
        r, {"cursor": {"firstBatch": docs, "id": {"$numberLong": "0"}, "ns": "crm.customers"}, "ok": 1.0}
    )


def s_sql_dump(d: Doc) -> None:
    r = d.r
    d.path = f"/admin/exports/{d.uuid()}/customers.sql"
    d.content_type = "text/plain"
    lines = [
        "-- dump of crm.customers (partial)",
        f"-- server {d.host()}  version {d.version()}",
        "SET NAMES utf8mb4;",
        "INSERT INTO `customers` (`id`,`full_name`,`email`,`phone`,`birth_date`,`street`,`city`,`national_id`,`created_at`) VALUES",
    ]
    rows = []
    for _ in range(r.randint(3, 6)):
        p = d.person()
        nm = d.name(p).replace("'", "''")
        if "''" in nm:
            d.P("PERSON", nm)
        st = d.street(p).replace("'", "''")
        if "''" in st:
            d.P("STREET_ADDRESS", st)
        rows.append(
            f"({r.randint(10**5, 10**7)},'{nm}','{d.email(p)}','{d.phone(p)}','{d.dob(p, style='iso')}','{st}','{p['address']['city']}','{d.nid(p)}','{d.ts('space')}')"
        )
    d.personal = [x for x in d.personal if "'" not in x["value"] or "''" in x["value"]]
    lines.append(",\n".join(rows) + ";")
    d.body = "\n".join(lines) + "\n"


def s_rails_log(d: Doc) -> None:
    r = d.r
    d.path = "/ops/logs/rails/production.log?tail=200"
    d.content_type = "text/plain"
    lines = []
    for _ in range(r.randint(2, 4)):
        p = d.person()
        rid = d.uuid()
        lines.append(
            f'I, [{d.ts("iso_ms")} #{r.randint(1000, 99999)}]  INFO -- : [{rid}] Started PATCH "/account/profile" for {d.ip(p)} at {d.ts("space")} +0000'
        )
        lines.append(
            f"I, [{d.ts('iso_ms')} #{r.randint(1000, 99999)}]  INFO -- : [{rid}] Processing by ProfilesController#update as JSON"
        )
        lines.append(
            f'I, [{d.ts("iso_ms")} #{r.randint(1000, 99999)}]  INFO -- : [{rid}]   Parameters: {{"user"=>{{"full_name"=>"{d.name(p)}", "email"=>"{d.email(p)}", '
            f'"phone"=>"{d.phone(p)}", "date_of_birth"=>"{d.dob(p, style="iso")}", "address_attributes"=>{{"line1"=>"{d.street(p)}", "city"=>"{p["address"]["city"]}"}}}}, "locale"=>"{p["lang"]}"}}'
        )
        lines.append(
            f"I, [{d.ts('iso_ms')} #{r.randint(1000, 99999)}]  INFO -- : [{rid}] Completed 200 OK in {r.randint(20, 900)}ms (Views: 0.4ms | ActiveRecord: {r.randint(1, 90)}.2ms)"
        )
    d.body = "\n".join(lines) + "\n"


def s_nginx(d: Doc) -> None:
    r = d.r
    d.path = "/ops/logs/nginx/access.log?grep=callback"
    d.content_type = "text/plain"
    lines = []
    for _ in range(r.randint(4, 8)):
        p = d.person()
        qs = urllib.parse.urlencode(
            {"email": p["email"], "phone": p["phone"], "ref": V.d_order(r)}
            if r.random() < 0.5
            else {"name": p["full_latn"], "email": p["email"]}
        )
        # label the encoded forms exactly as they appear
        for k, v in urllib.parse.parse_qsl(qs):
            enc = urllib.parse.quote_plus(v)
            if k == "email":
                d.P("EMAIL_ADDRESS", enc)
            elif k == "phone":
                d.P("PHONE_NUMBER", enc)
            elif k == "name":
                d.P("PERSON", enc)
        lines.append(
            f"{d.ip(p)} - - [{r.randint(1, 28):02d}/Mar/2025:{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d} +0000] "
            f'"GET /kyc/callback?{qs} HTTP/1.1" {r.choice([200, 302, 400])} {r.randint(100, 9000)} "-" "Mozilla/5.0 (Linux; Android 14)" rt={r.randint(1, 900) / 1000}'
        )
    d.body = "\n".join(lines) + "\n"


def s_python_repr(d: Doc) -> None:
    r = d.r
    d.path = "/ops/logs/celery/worker-3.log"
    d.content_type = "text/plain"
    lines = []
    for _ in range(r.randint(3, 6)):
        p = d.person()
        lines.append(
            f"[{d.ts('space')},{r.randint(100, 999)}: INFO/ForkPoolWorker-{r.randint(1, 8)}] Task crm.tasks.sync_customer[{d.uuid()}] received"
        )
        lines.append(
            f"[{d.ts('space')},{r.randint(100, 999)}: WARNING/ForkPoolWorker-{r.randint(1, 8)}] upsert failed for Customer(id={r.randint(10**5, 10**7)}, "
            f"name='{d.name(p)}', email='{d.email(p)}', phone='{d.phone(p)}', dob=datetime.date({p['dob'].year}, {p['dob'].month}, {p['dob'].day}), "
            f"address={{'line1': '{d.street(p)}', 'city': '{p['address']['city']}'}}): IntegrityError('duplicate key value violates unique constraint \"customers_email_key\"')"
        )
        d.P("DATE_OF_BIRTH", f"datetime.date({p['dob'].year}, {p['dob'].month}, {p['dob'].day})")
    d.personal = [x for x in d.personal if "'" not in x["value"]]
    d.body = "\n".join(lines) + "\n"


def s_sentry(d: Doc) -> None:
    r = d.r
    p = d.person()
    eid = V.rbytes(r, 16).hex()
    d.D("record_id", eid)
    d.path = f"/api/0/projects/ledgerline/support-web/events/{eid}/"
    obj = {
        "eventID": eid,
        "id": eid,
        "title": "ValidationError: IBAN checksum failed",
        "platform": "python",
        "dateCreated": d.ts("iso_z"),
        "user": {
            "id": str(r.randint(10**5, 10**7)),
            "email": d.email(p),
            "username": d.user(p),
            "ip_address": d.ip(p),
            "name": d.name(p),
            "data": {"kyc": "level2"},
        },
        "tags": [
            {"key": "release", "value": d.version()},
            {"key": "server_name", "value": d.host()},
            {"key": "environment", "value": "production"},
            {"key": "region", "value": d.region()[0]},
            {"key": "datacenter", "value": d.region()[1]},
        ],
        "entries": [
            {
                "type": "request",
                "data": {
                    "method": "POST",
                    "url": "https://app.ledgerline.io/settings/payout",
                    "data": {
                        "holder": p["full_latn"],
                        "iban": d.iban(p, "compact") if p["iban"] else d.account(p),
                        "phone": d.phone(p),
                    },
                    "headers": [["X-Forwarded-For", p["ip"]], ["User-Agent", "Mozilla/5.0"]],
                },
            },
            {
                "type": "breadcrumbs",
                "data": {
                    "values": [
                        {
                            "category": "ui.input",
                            "message": f"input[name=email] value={p['email']}",
                            "timestamp": d.ts("iso_ms"),
                        },
                        {
                            "category": "http",
                            "data": {
                                "url": f"/api/address?line1={urllib.parse.quote(p['address']['line1'])}",
                                "status_code": 422,
                            },
                        },
                    ]
                },
            },
        ],
        "sdk": {"name": "sentry.python", "version": d.version()},
    }
    d.P("PERSON", p["full_latn"])
    d.P("STREET_ADDRESS", urllib.parse.quote(p["address"]["line1"]))
    d.body = dumps(r, obj)


def s_segment(d: Doc) -> None:
    r = d.r
    d.path = "/v1/batch/replay?source=web"
    batch = []
    for _ in range(r.randint(2, 4)):
        p = d.person()
        uid = "usr_" + str(r.randint(10**6, 10**8))
        batch.append(
            {
                "type": "identify",
                "userId": uid,
                "anonymousId": d.uuid(),
                "traits": {
                    "name": d.name(p),
                    "email": d.email(p),
                    "phone": d.phone(p),
                    "birthday": d.dob(p, style="iso"),
                    "address": {
                        "street": d.street(p),
                        "city": p["address"]["city"],
                        "postalCode": p["address"]["postcode"],
                        "country": p["cc"],
                    },
                    "plan": d.product(),
                },
                "context": {
                    "ip": d.ip(p),
                    "locale": f"{p['lang'][:2]}-{p['cc']}",
                    "library": {"name": "analytics.js", "version": d.version()},
                },
                "timestamp": d.ts("iso_ms"),
                "messageId": "ajs-" + V.rbytes(r, 16).hex(),
            }
        )
        batch.append(
            {
                "type": "track",
                "event": r.choice(["Withdrawal Requested", "Card Ordered", "KYC Submitted"]),
                "userId": uid,
                "properties": {"amount": d.amount(), "order_id": d.order(), "sku": d.sku()},
                "timestamp": d.ts("iso_ms"),
                "messageId": "ajs-" + V.rbytes(r, 16).hex(),
            }
        )
    d.body = dumps(r, {"batch": batch, "sentAt": d.ts("iso_ms")})


def s_typeform(d: Doc) -> None:
    r = d.r
    d.path = f"/forms/{d.rid('', 8)}/responses?page_size=10"
    items = []
    for _ in range(r.randint(1, 3)):
        p = d.person()
        ans = [
            {
                "field": {"id": d.rid("", 12), "type": "short_text", "ref": "full_name"},
                "type": "text",
                "text": d.name(p),
            },
            {
                "field": {"id": d.rid("", 12), "type": "email", "ref": "email"},
                "type": "email",
                "email": d.email(p),
            },
            {
                "field": {"id": d.rid("", 12), "type": "phone_number", "ref": "phone"},
                "type": "phone_number",
                "phone_number": d.P("PHONE_NUMBER", V.e164(p["phone"], p["cc"])),
            },
            {
                "field": {"id": d.rid("", 12), "type": "date", "ref": "dob"},
                "type": "date",
                "date": d.dob(p, style="iso"),
            },
            {
                "field": {"id": d.rid("", 12), "type": "long_text", "ref": "issue"},
                "type": "text",
                "text": say(d, p, k=r.choice([1, 2, 5, 7])),
            },
            {
                "field": {"id": d.rid("", 12), "type": "multiple_choice", "ref": "product"},
                "type": "choice",
                "choice": {"label": d.product()},
            },
        ]
        items.append(
            {
                "landing_id": d.rid("", 32),
                "token": d.rid("", 32),
                "response_id": d.rid("", 32),
                "landed_at": d.ts("iso_z"),
                "submitted_at": d.ts("iso_z"),
                "metadata": {
                    "user_agent": "Mozilla/5.0",
                    "platform": "mobile",
                    "referer": "https://ledgerline.io/help",
                    "network_id": V.rbytes(r, 5).hex(),
                    "browser": "default",
                },
                "hidden": {"user_id": str(r.randint(10**5, 10**7))},
                "calculated": {"score": 0},
                "answers": ans,
            }
        )
    d.body = dumps(r, {"total_items": len(items), "page_count": 1, "items": items})


def s_docusign(d: Doc) -> None:
    r = d.r
    d.path = f"/restapi/v2.1/accounts/{d.uuid()}/envelopes/{d.uuid()}/recipients?include_tabs=true"
    signers = []
    for i in range(r.randint(1, 3)):
        p = d.person()
        tabs = {
            "fullNameTabs": [{"tabLabel": "Full Name", "value": d.name(p)}],
            "dateSignedTabs": [{"value": d.ts("space")}],
            "textTabs": [
                {"tabLabel": "Address", "value": d.addr(p)},
                {"tabLabel": "DOB", "value": d.dob(p)},
                {"tabLabel": "Phone", "value": d.phone(p)},
            ],
        }
        signers.append(
            {
                "recipientId": str(i + 1),
                "recipientIdGuid": d.uuid(),
                "name": d.name(p, "natural"),
                "email": d.email(p),
                "status": r.choice(["completed", "sent", "delivered"]),
                "routingOrder": str(i + 1),
                "deliveredDateTime": d.ts("iso_ms"),
                "tabs": tabs,
                "clientUserId": str(r.randint(10**5, 10**7)),
            }
        )
    d.body = dumps(
        r,
        {
            "signers": signers,
            "agents": [],
            "carbonCopies": [
                {"name": "Ledgerline Compliance", "email": "compliance@ledgerline.io", "recipientId": "9"}
            ],
            "recipientCount": str(len(signers) + 1),
        },
    )


def s_okta(d: Doc) -> None:
    r = d.r
    d.path = "/api/v1/users?search=" + urllib.parse.quote('profile.department eq "Customers"') + "&limit=3"
    out = []
    for _ in range(r.randint(1, 3)):
        p = d.person()
        uid = "00u" + "".join(r.choice(string.ascii_letters + string.digits) for _ in range(17))
        d.D("record_id", uid)
        out.append(
            {
                "id": uid,
                "status": r.choice(["ACTIVE", "LOCKED_OUT", "RECOVERY"]),
                "created": d.ts("iso_ms"),
                "lastLogin": d.ts("iso_ms"),
                "profile": {
                    "firstName": p["given"],
                    "lastName": d.family(p),
                    "displayName": d.name(p),
                    "login": d.email(p),
                    "email": p["email"],
                    "secondEmail": None,
                    "mobilePhone": d.phone(p),
                    "primaryPhone": d.phone(p, True),
                    "streetAddress": d.street(p),
                    "city": p["address"]["city"],
                    "zipCode": p["address"]["postcode"],
                    "countryCode": p["cc"],
                    "birthdate": d.dob(p, style="iso"),
                    "preferredLanguage": p["lang"][:2],
                },
                "credentials": {"provider": {"type": "OKTA", "name": "OKTA"}},
                "_links": {"self": {"href": f"https://ledgerline.okta.com/api/v1/users/{uid}"}},
            }
        )
    d.body = dumps(r, out)


def s_auth0(d: Doc) -> None:
    r = d.r
    p = d.person()
    uid = r.choice(["auth0|", "google-oauth2|", "sms|"]) + V.rbytes(r, 12).hex()
    d.D("record_id", uid)
    d.path = f"/api/v2/users/{urllib.parse.quote(uid)}"
    obj = {
        "user_id": uid,
        "email": d.email(p),
        "email_verified": True,
        "name": d.name(p),
        "nickname": d.user(p),
        "given_name": p["given"],
        "family_name": d.family(p),
        "phone_number": d.P("PHONE_NUMBER", V.e164(p["phone"], p["cc"])),
        "phone_verified": True,
        "created_at": d.ts("iso_ms"),
        "updated_at": d.ts("iso_ms"),
        "identities": [
            {
                "provider": uid.split("|")[0],
                "user_id": uid.split("|")[1],
                "connection": "Username-Password-Authentication",
                "isSocial": False,
            }
        ],
        "user_metadata": {"dob": d.dob(p), "address": d.addr(p), "preferred_language": p["lang"]},
        "app_metadata": {"kyc_level": r.randint(0, 3), "roles": ["customer"]},
        "last_ip": d.ip(p),
        "last_login": d.ts("iso_ms"),
        "logins_count": r.randint(1, 400),
        "picture": "https://s.gravatar.com/avatar/" + V.rbytes(r, 16).hex(),
    }
    d.body = dumps(r, obj)


def s_pipedrive(d: Doc) -> None:
    r = d.r
    d.path = (
        "/v1/persons/search?term=&fields=email,phone&limit=5" if r.random() < 0.5 else "/v1/persons?limit=5"
    )
    data = []
    for _ in range(r.randint(1, 4)):
        p = d.person()
        data.append(
            {
                "id": r.randint(100, 99999),
                "name": d.name(p),
                "first_name": p["given"],
                "last_name": d.family(p),
                "email": [{"label": "work", "value": d.email(p), "primary": True}],
                "phone": [
                    {"label": "mobile", "value": d.phone(p), "primary": True},
                    {"label": "home", "value": d.phone(p, True), "primary": False},
                ],
                "org_name": d.company(),
                "owner_id": {
                    "id": r.randint(10**6, 10**7),
                    "name": "Ledgerline Sales",
                    "email": "sales@ledgerline.io",
                },
                "add_time": d.ts("space"),
                "update_time": d.ts("space"),
                "visible_to": "3",
                V.rbytes(r, 20).hex(): d.addr(p),
                V.rbytes(r, 20).hex(): d.dob(p),
            }
        )
    d.body = dumps(
        r,
        {
            "success": True,
            "data": data,
            "additional_data": {"pagination": {"start": 0, "limit": 5, "more_items_in_collection": False}},
        },
    )


def s_airtable(d: Doc) -> None:
    r = d.r
    d.path = f"/v0/app{d.rid('', 14)}/Customers?view=Grid%20view"
    recs = []
    for _ in range(r.randint(2, 4)):
        p = d.person()
        lab = labels(p["lang"]) if r.random() < 0.4 else L["en"]
        recs.append(
            {
                "id": "rec" + "".join(r.choice(string.ascii_letters + string.digits) for _ in range(14)),
                "createdTime": d.ts("iso_ms"),
                "fields": {
                    "Full Name": d.name(p),
                    lab["email"]: d.email(p),
                    lab["phone"]: d.phone(p),
                    lab["address"]: d.addr(p),
                    lab["dob"]: d.dob(p, style="iso"),
                    "Status": r.choice(["Todo", "In progress", "Done"]),
                    "Linked order": [d.order()],
                    "Notes": say(d, p, k=r.choice([0, 3, 6])),
                },
            }
        )
    d.body = dumps(r, {"records": recs, "offset": None})


def s_notion(d: Doc) -> None:
    r = d.r
    d.path = f"/v1/databases/{d.uuid()}/query"
    res = []
    for _ in range(r.randint(1, 3)):
        p = d.person()
        nm = d.name(p)
        res.append(
            {
                "object": "page",
                "id": d.uuid(),
                "created_time": d.ts("iso_ms"),
                "archived": False,
                "properties": {
                    "Name": {
                        "id": "title",
                        "type": "title",
                        "title": [{"type": "text", "text": {"content": nm, "link": None}, "plain_text": nm}],
                    },
                    "Email": {"id": "%3DkQb", "type": "email", "email": d.email(p)},
                    "Phone": {"id": "Xh%5E", "type": "phone_number", "phone_number": d.phone(p)},
                    "Address": {
                        "id": "a%40Ef",
                        "type": "rich_text",
                        "rich_text": [
                            {
                                "type": "text",
                                "text": {"content": d.addr(p)},
                                "plain_text": p["address"]["full"],
                            }
                        ],
                    },
                    "Birthday": {
                        "id": "b1",
                        "type": "date",
                        "date": {"start": d.dob(p, style="iso"), "end": None},
                    },
                    "Ticket": {"id": "t2", "type": "rich_text", "rich_text": [{"plain_text": d.ticket()}]},
                    "Status": {"id": "s3", "type": "select", "select": {"name": "Escalated", "color": "red"}},
                },
                "url": f"https://www.notion.so/{V.rbytes(r, 16).hex()}",
            }
        )
    d.body = dumps(r, {"object": "list", "results": res, "next_cursor": None, "has_more": False})


def s_bigquery(d: Doc) -> None:
    r = d.r
    d.path = f"/bigquery/v2/projects/ledgerline-dw/queries/job_{d.rid('', 20)}?location=EU"
    fields = [
        ("customer_id", "INTEGER"),
        ("full_name", "STRING"),
        ("email", "STRING"),
        ("phone", "STRING"),
        ("birth_date", "DATE"),
        ("iban", "STRING"),
        ("last_ip", "STRING"),
    ]
    rows = []
    for _ in range(r.randint(3, 6)):
        p = d.person()
        ib = d.iban(p, "compact") if p["iban"] else None
        rows.append(
            {
                "f": [
                    {"v": str(r.randint(10**5, 10**8))},
                    {"v": d.name(p)},
                    {"v": d.email(p)},
                    {"v": d.phone(p)},
                    {"v": d.dob(p, style="iso")},
                    {"v": ib},
                    {"v": d.ip(p)},
                ]
            }
        )
    d.body = dumps(
        r,
        {
            "kind": "bigquery#getQueryResultsResponse",
            "etag": base64.b64encode(V.rbytes(r, 15)).decode(),
            "schema": {"fields": [{"name": n, "type": t, "mode": "NULLABLE"} for n, t in fields]},
            "jobReference": {
                "projectId": "ledgerline-dw",
                "jobId": "job_" + V.rbytes(r, 10).hex(),
                "location": "EU",
            },
            "totalRows": str(len(rows)),
            "rows": rows,
            "totalBytesProcessed": str(r.randint(10**4, 10**9)),
            "jobComplete": True,
            "cacheHit": False,
        },
    )


def s_sheets(d: Doc) -> None:
    r = d.r
    sid = d.rid("1", 43)
    d.path = f"/v4/spreadsheets/{sid}/values/Refunds!A1:H30"
    p0 = d.person()
    lab = labels(p0["lang"] if r.random() < 0.5 else "en")
    vals = [
        [
            lab["name"],
            lab["email"],
            lab["phone"],
            lab["iban"],
            lab["amount"],
            lab["order"],
            lab["status"],
            lab["note"],
        ]
    ]
    for i in range(r.randint(3, 7)):
        p = p0 if i == 0 else d.person()
        vals.append(
            [
                d.name(p),
                d.email(p),
                d.phone(p),
                d.iban(p) if p["iban"] else d.account(p),
                d.amount(),
                d.order(),
                r.choice(["paid", "pending", "rejected"]),
                r.choice(["", "dup?", "called back", "wrong IBAN"]),
            ]
        )
    d.body = dumps(r, {"range": "Refunds!A1:H30", "majorDimension": "ROWS", "values": vals})


def s_rightnow(d: Doc) -> None:
    r = d.r
    d.path = "/services/rest/connect/v1.4/queryResults?query=" + urllib.parse.quote(
        "SELECT c.ID, c.Name.First, c.Name.Last, c.Emails.Address, c.Phones.Number FROM Contacts c LIMIT 5"
    )
    cols = ["ID", "First", "Last", "Address", "Number", "CustomFields.c.dob", "CustomFields.c.national_id"]
    rows = []
    for _ in range(r.randint(3, 6)):
        p = d.person()
        rows.append(
            [
                str(r.randint(10**4, 10**7)),
                p["given"],
                d.family(p),
                d.email(p),
                d.phone(p),
                d.dob(p, style="iso"),
                d.nid(p),
            ]
        )
    d.body = dumps(
        r,
        {
            "items": [{"tableName": "Contacts", "count": len(rows), "columnNames": cols, "rows": rows}],
            "links": [{"rel": "self", "href": f"https://ledgerline.custhelp.com{d.path}"}],
        },
    )


# ---------------------------------------------------------------------------------------------
# HTML, CSV and text exports
# ---------------------------------------------------------------------------------------------


def _lang_people(d: Doc, n: int) -> tuple[str, list[dict]]:
    r = d.r
    cc = r.choice(
        [
            "DE",
            "FR",
            "ES",
            "IT",
            "BR",
            "NL",
            "PL",
            "TR",
            "RU",
            "JP",
            "KR",
            "CN",
            "SA",
            "TH",
            "VN",
            "ID",
            "GR",
            "US",
            "GB",
            "MX",
            "UA",
        ]
    )
    ps = [d.person(cc if r.random() < 0.75 else None) for _ in range(n)]
    lang = ps[0]["lang"]
    return (lang if lang in L else "en"), ps


def s_html_table(d: Doc) -> None:
    r = d.r
    lang, ps = _lang_people(d, r.randint(3, 6))
    lab = labels(lang)
    d.path = f"/admin/reports/customers.html?lang={lang}"
    d.content_type = "text/html"
    cols = ["name", "email", "phone", "dob", "address", "id", "order"]
    dir_ = ' dir="rtl"' if lang in ("ar", "he") else ""
    rows = []
    for p in ps:
        cells = [d.name(p), d.email(p), d.phone(p), d.dob(p, lang), d.addr(p), d.nid(p), d.order()]
        rows.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>")
    d.body = (
        f'<!DOCTYPE html><html lang="{lang[:2]}"{dir_}><head><meta charset="utf-8"><title>{esc(lab["name"])}</title>'
        f"<style>th{{background:{d.colour()}}}</style></head><body><h1>{esc(lab['status'])}: {d.ticket()}</h1>"
        f'<table class="grid"><thead><tr>'
        + "".join(f"<th>{esc(lab[c])}</th>" for c in cols)
        + "</tr></thead><tbody>\n"
        + "\n".join(rows)
        + f"\n</tbody></table><footer>{d.host()} &middot; {d.build()}</footer></body></html>"
    )


def s_html_dl(d: Doc) -> None:
    r = d.r
    lang, ps = _lang_people(d, 1)
    p = ps[0]
    lab = labels(lang)
    d.path = f"/agent/customers/{r.randint(10**5, 10**7)}/summary"
    d.content_type = "text/html"
    items = [
        (lab["name"], d.name(p)),
        (lab["email"], d.email(p)),
        (lab["phone"], d.phone(p)),
        (lab["dob"], d.dob(p, lang)),
        (lab["address"], d.addr(p)),
        (lab["id"], d.nid(p)),
        (lab["passport"], d.passport(p)),
        (lab["card"], d.card(p)),
        (lab["ip"], d.ip(p)),
        (lab["created"], d.ts("space")),
        (lab["amount"], d.amount()),
    ]
    if p["iban"]:
        items.insert(7, (lab["iban"], d.iban(p)))
    r.shuffle(items)
    dl = "\n".join(f"  <dt>{esc(k)}</dt>\n  <dd>{esc(v)}</dd>" for k, v in items)
    d.body = f'<section class="customer-card" data-theme="{d.colour()}">\n<h2>{esc(p["given"])}</h2>\n<dl>\n{dl}\n</dl>\n</section>\n'


def s_html_data_attrs(d: Doc) -> None:
    r = d.r
    d.path = "/agent/widgets/recent-contacts"
    d.content_type = "text/html"
    lis = []
    for _ in range(r.randint(3, 6)):
        p = d.person()
        lis.append(
            f'<li class="contact" data-id="{r.randint(10**5, 10**7)}" data-email="{esc(d.email(p))}" data-phone="{esc(d.phone(p))}" data-dob="{d.dob(p, style="iso")}" '
            f'data-ip="{d.ip(p)}" data-order="{d.order()}"><span class="avatar" style="color:{d.colour()}">{esc(p["given"][:1])}</span>'
            f'<a href="/agent/customers/{r.randint(10**5, 10**7)}" title="{esc(d.name(p, "latn"))}">{esc(d.name(p, "natural"))}</a></li>'
        )
    d.body = f'<div id="recent" data-build="{d.build()}"><ul>\n' + "\n".join(lis) + "\n</ul></div>\n"


def s_html_form(d: Doc) -> None:
    r = d.r
    lang, ps = _lang_people(d, 1)
    p = ps[0]
    lab = labels(lang)
    d.path = f"/agent/customers/{r.randint(10**5, 10**7)}/edit"
    d.content_type = "text/html"
    f = [
        ("full_name", lab["name"], d.name(p), "text"),
        ("email", lab["email"], d.email(p), "email"),
        ("phone", lab["phone"], d.phone(p), "tel"),
        ("birth_date", lab["dob"], d.dob(p, style="iso"), "date"),
        ("address_line1", lab["address"], d.street(p), "text"),
        ("postcode", "PLZ" if lang == "de" else "Postcode", p["address"]["postcode"], "text"),
        ("national_id", lab["id"], d.nid(p), "text"),
    ]
    if p["iban"]:
        f.append(("iban", lab["iban"], d.iban(p), "text"))
    inputs = "\n".join(
        f'  <label for="{n}">{esc(l_)}</label>\n  <input type="{t}" id="{n}" name="customer[{n}]" value="{esc(v)}" autocomplete="off">'
        for n, l_, v, t in f
    )
    d.body = (
        f'<form method="post" action="/agent/customers/update" class="needs-validation">\n  <input type="hidden" name="authenticity_token" value="{base64.b64encode(V.rbytes(r, 24)).decode()}">\n'
        f'{inputs}\n  <textarea name="customer[note]">{esc(say(d, p, k=r.choice([0, 1, 3])))}</textarea>\n  <button type="submit" style="background:{d.colour()}">Save</button>\n</form>\n'
    )


def s_csv_semicolon(d: Doc) -> None:
    r = d.r
    lang, ps = _lang_people(d, r.randint(4, 8))
    lab = labels(lang)
    d.path = f"/exports/kunden_{r.randint(1000, 9999)}.csv"
    d.content_type = "text/csv"
    head = [
        lab["name"],
        lab["email"],
        lab["phone"],
        lab["dob"],
        lab["address"],
        lab["iban"],
        lab["amount"],
        lab["created"],
    ]
    rows = [";".join(head)]
    for p in ps:
        addr = d.addr(p)
        cells = [
            d.name(p, r.choice(["natural", "last_first", "upper"])),
            d.email(p),
            d.phone(p),
            d.dob(p, lang),
            f'"{addr}"' if ";" in addr or r.random() < 0.3 else addr,
            d.iban(p) if p["iban"] else d.account(p),
            d.amount("EUR").replace("€", "").strip(),
            d.ts("space"),
        ]
        rows.append(";".join(cells))
    d.body = "\ufeff" + "\r\n".join(rows) + "\r\n"


def s_tsv(d: Doc) -> None:
    r = d.r
    d.path = "/exports/withdrawals.tsv"
    d.content_type = "text/plain"
    rows = ["id\tcustomer\temail\tasset\taddress\tamount\ttxid\tstatus"]
    for _ in range(r.randint(4, 8)):
        p = d.person()
        a, asset = d.wallet()
        rows.append(
            "\t".join(
                [
                    d.uuid(),
                    d.name(p),
                    d.email(p),
                    asset,
                    a,
                    f"{r.uniform(0.001, 20):.6f}",
                    d.txh("eth" if a.startswith("0x") else "btc"),
                    r.choice(["done", "held", "failed"]),
                ]
            )
        )
    d.body = "\n".join(rows) + "\n"


def s_csv_merged(d: Doc) -> None:
    r = d.r
    d.path = f"/exports/chargebacks_Q{r.randint(1, 4)}.csv"
    d.content_type = "text/csv"
    rows = [
        f"Chargeback report,,,,,,Generated,{d.ts('space')}",
        ",Cardholder,,,Card,,Dispute,",
        "Case,Name,Email,Phone,PAN,Expiry,Amount,Reason",
    ]
    for _ in range(r.randint(4, 8)):
        p = d.person()
        nm = d.name(p, r.choice(["natural", "upper", "last_first"]))
        nm_cell = f'"{nm}"' if "," in nm else nm
        rows.append(
            ",".join(
                [
                    d.ticket(),
                    nm_cell,
                    d.email(p),
                    d.phone(p),
                    d.card(p, r.choice(["compact", "space", "dash"])),
                    V.card_expiry(r),
                    f'"{d.amount("USD")}"',
                    r.choice(["fraud", "not received", "duplicate"]),
                ]
            )
        )
    rows.append(f",,,,,,TOTAL,{r.randint(1000, 90000)}")
    d.body = "\r\n".join(rows) + "\r\n"


def s_urlencoded(d: Doc) -> None:
    r = d.r
    p = d.person()
    d.path = f"/internal/webforms/submissions/{r.randint(10**5, 10**7)}"
    form = {
        "full_name": p["full_latn"] if r.random() < 0.5 else p["full"],
        "email": p["email"],
        "phone": p["phone"],
        "dob": p["dob"].isoformat(),
        "address": p["address"]["full"],
        "message": "please call back",
    }
    raw = urllib.parse.urlencode(form)
    for k, v in form.items():
        enc = urllib.parse.quote_plus(v)
        t = {
            "full_name": "PERSON",
            "email": "EMAIL_ADDRESS",
            "phone": "PHONE_NUMBER",
            "dob": "DATE_OF_BIRTH",
            "address": "STREET_ADDRESS",
        }.get(k)
        if t:
            d.P(t, enc)
    obj = {
        "id": r.randint(10**5, 10**7),
        "form": "contact-us",
        "content_type": "application/x-www-form-urlencoded",
        "raw_body": raw,
        "referer": "https://ledgerline.io/"
        + p["lang"][:2]
        + "/help?utm_source="
        + r.choice(["google", "newsletter"]),
        "received_at": d.ts("iso_z"),
        "remote_addr": d.ip(p),
        "redirect": f"https://app.ledgerline.io/verify?email={urllib.parse.quote(p['email'])}&next=%2Fdashboard",
    }
    d.P("EMAIL_ADDRESS", urllib.parse.quote(p["email"]))
    d.body = dumps(r, obj)


def s_ldif(d: Doc) -> None:
    r = d.r
    d.path = "/directory/export?base=ou=customers,dc=ledgerline,dc=io&format=ldif"
    d.content_type = "text/plain"
    out = ["version: 1", ""]
    for _ in range(r.randint(2, 4)):
        p = d.person()
        cn = p["full_latn"]
        uid = p["username"]
        d.P("PERSON", cn)
        d.user(p)
        out += [
            f"dn: uid={uid},ou=customers,dc=ledgerline,dc=io",
            "objectClass: inetOrgPerson",
            f"cn: {cn}",
            f"sn: {d.family(p, True)}",
            f"givenName: {p['given_latn']}",
            f"mail: {d.email(p)}",
            f"mobile: {d.phone(p)}",
            f"telephoneNumber: {d.phone(p, True)}",
            f"postalAddress: {d.P('STREET_ADDRESS', p['address']['full'].replace(', ', ' $ '))}",
            f"uid: {uid}",
            f"employeeNumber: {r.randint(10**5, 10**7)}",
            "",
        ]
        if not p["full"].isascii():
            out.insert(-1, f"cn;lang-{p['lang'][:2]}:: {base64.b64encode(p['full'].encode()).decode()}")
    d.body = "\n".join(out)


def s_aml_narrative(d: Doc) -> None:
    r = d.r
    a = d.person()
    b = d.person()
    d.path = f"/compliance/cases/{d.D('record_id', 'AML-' + V.digits(r, 7))}/narrative"
    d.content_type = "text/plain"
    w1, asset = d.wallet()
    w2, _ = d.wallet()
    txt = (
        f"SUSPICIOUS ACTIVITY REPORT - DRAFT\n\nSubject: {d.name(a, 'upper')} (DOB {d.dob(a, 'en')}), residing at {d.addr(a)}.\n"
        f"Customer since {d.ts('iso_z')[:10]}; KYC document {a['national_id'][0]} {d.nid(a)}; contact {d.phone(a)} / {d.email(a)}.\n\n"
        f"Between {d.ts('iso_z')[:10]} and {d.ts('iso_z')[:10]} the subject received {r.randint(5, 40)} deposits totalling {d.amount('USD')} "
        f"from {d.company()} and forwarded {d.amount(asset if asset in ('BTC', 'ETH') else 'USDT')} to {w1} within minutes (tx {d.txh('btc')}).\n"
        f"Funds were then sent to {w2}, an address linked to {d.name(b, r.choice(['natural', 'latn']))}, who shares the login IP {d.ip(a)} with the subject.\n"
        f"{d.name(b, 'latn') if r.random() < 0.5 else 'The counterparty'} holds account {d.iban(b) if b['iban'] else d.account(b)}.\n\n"
        f"Recommendation: file SAR; freeze pending {d.err()}.\nPrepared by: compliance analyst #{r.randint(10, 99)}\n"
    )
    d.body = txt


def s_zammad(d: Doc) -> None:
    r = d.r
    p = d.person()
    tid = r.randint(1000, 99999)
    d.path = f"/api/v1/ticket_articles/by_ticket/{tid}"
    arts = []
    for i, (who, text) in enumerate(msgs(d, p, r.randint(2, 5))):
        if who == "customer":
            frm = f"{d.name(p, r.choice(['natural', 'latn']))} <{d.email(p)}>"
        else:
            frm = "Ledgerline Support <support@ledgerline.io>"
        arts.append(
            {
                "id": r.randint(10**4, 10**6),
                "ticket_id": tid,
                "type_id": 1,
                "sender_id": 2 if who == "customer" else 1,
                "from": frm,
                "to": "support@ledgerline.io" if who == "customer" else f"<{p['email']}>",
                "cc": "",
                "subject": f"[Ticket#{d.D('ticket_id', str(tid * 10 + 31000000))}] Re: help",
                "body": text,
                "content_type": "text/plain",
                "internal": False,
                "message_id": f"<{d.uuid()}@{d.host()}>",
                "created_by": p["email"] if who == "customer" else "agent-14@ledgerline.io",
                "created_at": d.ts("iso_ms"),
                "attachments": [],
            }
        )
    d.body = dumps(r, arts)


# ---------------------------------------------------------------------------------------------
# messaging platforms
# ---------------------------------------------------------------------------------------------


def s_whatsapp(d: Doc) -> None:
    r = d.r
    p = d.person(r.choice(["BR", "IN", "MX", "ID", "NG", "ES", "DE", "TR", "ZA", "IT", "AE", "SA"]))
    wa = "".join(ch for ch in V.e164(p["phone"], p["cc"]) if ch.isdigit())
    d.P("PHONE_NUMBER", wa)
    d.path = "/webhooks/whatsapp/inbound/replay"
    entries = []
    for k in r.sample(range(8), r.randint(2, 3)):
        entries.append(
            {
                "from": wa,
                "id": "wamid." + base64.b64encode(V.rbytes(r, 30)).decode(),
                "timestamp": d.ts("epoch"),
                "type": "text",
                "text": {"body": say(d, p, k=k)},
            }
        )
    obj = {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": str(r.randint(10**14, 10**15)),
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": "15550" + V.digits(r, 6),
                                "phone_number_id": str(r.randint(10**14, 10**15)),
                            },
                            "contacts": [
                                {
                                    "profile": {"name": d.name(p, r.choice(["natural", "latn", "lower"]))},
                                    "wa_id": wa,
                                }
                            ],
                            "messages": entries,
                        },
                    }
                ],
            }
        ],
    }
    d.body = dumps(r, obj)


def s_telegram(d: Doc) -> None:
    r = d.r
    d.path = "/bot/getUpdates?offset=-5"
    res = []
    for _ in range(r.randint(2, 4)):
        p = d.person(r.choice(["RU", "UA", "TR", "ID", "VN", "DE", "IN", "BR", "KR"]))
        frm = {
            "id": r.randint(10**8, 10**10),
            "is_bot": False,
            "first_name": p["given"],
            "last_name": d.family(p),
            "username": d.user(p),
            "language_code": p["lang"][:2],
        }
        msg = {
            "message_id": r.randint(100, 99999),
            "from": frm,
            "chat": {
                "id": frm["id"],
                "type": "private",
                "first_name": p["given"],
                "last_name": p["family"],
                "username": p["username"],
            },
            "date": int(d.ts("epoch")),
        }
        if r.random() < 0.4:
            msg["contact"] = {
                "phone_number": d.P(
                    "PHONE_NUMBER", "".join(ch for ch in V.e164(p["phone"], p["cc"]) if ch.isdigit())
                ),
                "first_name": p["given"],
                "last_name": p["family"],
                "user_id": frm["id"],
            }
        else:
            msg["text"] = say(d, p)
        res.append({"update_id": r.randint(10**8, 10**9), "message": msg})
    d.body = dumps(r, {"ok": True, "result": res})


def s_line(d: Doc) -> None:
    r = d.r
    p = d.person("JP")
    uid = "U" + V.rbytes(r, 16).hex()
    d.D("record_id", uid)
    d.path = "/line/webhook/events?limit=20"
    evs = []
    for k in r.sample(range(8), r.randint(2, 4)):
        evs.append(
            {
                "type": "message",
                "mode": "active",
                "timestamp": int(d.ts_ms()),
                "source": {"type": "user", "userId": uid},
                "webhookEventId": "01"
                + "".join(r.choice("0123456789ABCDEFGHJKMNPQRSTVWXYZ") for _ in range(24)),
                "deliveryContext": {"isRedelivery": False},
                "message": {
                    "id": str(r.randint(10**17, 10**18)),
                    "type": "text",
                    "quoteToken": base64.b64encode(V.rbytes(r, 30)).decode(),
                    "text": say(d, p, lang="ja", k=k),
                },
            }
        )
    prof = {
        "displayName": d.name(p, r.choice(["natural", "latn"])),
        "userId": uid,
        "language": "ja",
        "pictureUrl": "https://profile.line-scdn.net/" + V.rbytes(r, 20).hex(),
    }
    kana = V.NAMES["ja"]["kana"]
    if r.random() < 0.5:
        prof["statusMessage"] = d.P("PERSON", kana.get(p["family"], "") + " " + kana.get(p["given"], ""))
    d.body = dumps(r, {"destination": "U" + V.rbytes(r, 16).hex(), "events": evs, "profile": prof})


def s_wechat(d: Doc) -> None:
    r = d.r
    p = d.person("CN")
    d.path = "/wechat/kf/sync_msg/raw"
    d.content_type = "text/plain"
    openid = "o" + "".join(r.choice(string.ascii_letters + string.digits + "_-") for _ in range(27))
    d.D("record_id", openid)
    parts = []
    for k in r.sample(range(8), r.randint(2, 4)):
        parts.append(
            f"<xml><ToUserName><![CDATA[gh_{V.rbytes(r, 6).hex()}]]></ToUserName><FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{d.ts('epoch')}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{say(d, p, lang='zh', k=k)}]]></Content>"
            f"<MsgId>{r.randint(10**18, 10**19)}</MsgId></xml>"
        )
    parts.append(f"<!-- crm lookup: {d.name(p, 'natural')} / {d.phone(p)} / {d.nid(p)} -->")
    d.body = "\n".join(parts) + "\n"


def s_kakao(d: Doc) -> None:
    r = d.r
    p = d.person("KR")
    d.path = f"/v1/channels/_ledgerline/chats/{r.randint(10**8, 10**9)}/messages"
    ms = []
    for who, text in msgs(d, p, r.randint(3, 5)):
        ms.append(
            {
                "id": r.randint(10**9, 10**10),
                "sender": {
                    "type": "user",
                    "nickname": d.name(p, r.choice(["natural", "latn"])),
                    "app_user_id": r.randint(10**6, 10**9),
                }
                if who == "customer"
                else {"type": "manager", "nickname": "상담원"},
                "message": text if who == "customer" else reply(d, "ko"),
                "created_at": d.ts("iso_off"),
            }
        )
    prof = {
        "name": d.name(p, "natural"),
        "phone_number": d.P("PHONE_NUMBER", "+82 10-" + "-".join([V.digits(r, 4), V.digits(r, 4)])),
        "email": d.email(p),
        "birthyear": str(p["dob"].year),
        "shipping_addresses": [
            {
                "base_address": d.street(p),
                "zone_number": V.digits(r, 5),
                "receiver_name": p["full"],
                "receiver_phone_number1": p["phone"],
            }
        ],
    }
    d.phone(p)
    d.body = dumps(r, {"messages": ms, "user_profile": prof, "has_next": False})


# ---------------------------------------------------------------------------------------------
# e-commerce and logistics
# ---------------------------------------------------------------------------------------------


def s_shopify(d: Doc) -> None:
    r = d.r
    p = d.person()
    oid = r.randint(10**12, 10**13)
    d.path = f"/admin/api/2024-10/orders/{oid}.json"

    def addr(q):
        return {
            "first_name": q["given"],
            "last_name": d.family(q),
            "name": d.name(q, "natural"),
            "address1": d.street(q),
            "address2": q["address"]["line2"] or None,
            "city": q["address"]["city"],
            "zip": q["address"]["postcode"],
            "province": q["address"]["region"] or None,
            "country_code": q["cc"],
            "phone": d.phone(q),
            "company": None,
        }

    gift = d.person(p["cc"]) if r.random() < 0.3 else p
    obj = {
        "order": {
            "id": oid,
            "name": d.D("order_id", f"#{r.randint(1001, 99999)}"),
            "email": d.email(p),
            "created_at": d.ts("iso_off"),
            "currency": d.cur(),
            "total_price": f"{r.uniform(10, 900):.2f}",
            "financial_status": r.choice(["paid", "refunded", "partially_refunded"]),
            "browser_ip": d.ip(p),
            "customer": {
                "id": r.randint(10**12, 10**13),
                "email": p["email"],
                "first_name": p["given"],
                "last_name": p["family"],
                "phone": p["phone"],
                "note": None,
            },
            "billing_address": addr(p),
            "shipping_address": addr(gift),
            "line_items": [
                {
                    "id": r.randint(10**12, 10**13),
                    "title": d.product(),
                    "sku": d.sku(),
                    "quantity": r.randint(1, 3),
                    "price": f"{r.uniform(5, 300):.2f}",
                }
                for _ in range(r.randint(1, 3))
            ],
            "fulfillments": [
                {
                    "tracking_company": r.choice(["UPS", "DHL Express", "Royal Mail", "Yamato"]),
                    "tracking_number": d.tracking(),
                }
            ],
            "note": say(d, p, k=r.choice([0, 1])) if r.random() < 0.5 else None,
        }
    }
    d.body = dumps(r, obj)


def s_woocommerce(d: Doc) -> None:
    r = d.r
    d.path = "/wp-json/wc/v3/orders?per_page=3&status=on-hold"
    out = []
    for _ in range(r.randint(1, 3)):
        p = d.person()
        bill = {
            "first_name": p["given"],
            "last_name": d.family(p),
            "company": "",
            "address_1": d.street(p),
            "address_2": p["address"]["line2"],
            "city": p["address"]["city"],
            "state": p["address"]["region"],
            "postcode": p["address"]["postcode"],
            "country": p["cc"],
            "email": d.email(p),
            "phone": d.phone(p),
        }
        ship = {k: v for k, v in bill.items() if k not in ("email",)}
        out.append(
            {
                "id": r.randint(1000, 99999),
                "number": str(r.randint(1000, 99999)),
                "status": "on-hold",
                "currency": d.cur(),
                "date_created": d.ts("space").replace(" ", "T"),
                "total": f"{r.uniform(10, 900):.2f}",
                "customer_ip_address": d.ip(p),
                "customer_user_agent": "Mozilla/5.0",
                "customer_note": say(d, p, k=r.choice([0, 1])) if r.random() < 0.5 else "",
                "billing": bill,
                "shipping": ship,
                "payment_method_title": "Bank transfer",
                "meta_data": [
                    {"id": r.randint(100, 9999), "key": "_billing_birthdate", "value": d.dob(p)},
                    {"id": r.randint(100, 9999), "key": "_billing_vat", "value": d.nid(p)},
                ],
                "line_items": [
                    {"name": d.product(), "sku": d.sku(), "quantity": 1, "total": f"{r.uniform(5, 300):.2f}"}
                ],
            }
        )
    d.body = dumps(r, out)


def s_carrier(d: Doc) -> None:
    r = d.r
    p = d.person()
    trk = d.tracking()
    d.path = f"/track/v1/details/{trk}"
    acts = []
    for _ in range(r.randint(3, 5)):
        code, city = r.choice(V.REGIONS)
        acts.append(
            {
                "date": d.ts("iso_off"),
                "status": r.choice(
                    [
                        "Departed from facility",
                        "Arrived at facility",
                        "Out for delivery",
                        "Delivery attempted",
                    ]
                ),
                "location": {
                    "city": d.D(
                        "hub_city", r.choice(["Louisville", "Leipzig", "East Midlands", "Memphis", "Köln"])
                    ),
                    "country": "–",
                },
            }
        )
    obj = {
        "trackingNumber": trk,
        "carrier": r.choice(["UPS", "DHL", "FedEx"]),
        "service": "Express Saver",
        "weight": {"value": round(r.uniform(0.1, 20), 2), "unit": "KG"},
        "shipTo": {
            "name": d.name(p, r.choice(["upper", "natural", "latn"])),
            "address": {
                "line1": d.street(p),
                "city": p["address"]["city"],
                "postalCode": p["address"]["postcode"],
                "country": p["cc"],
            },
            "phone": d.phone(p),
            "email": d.email(p),
        },
        "deliveryInstructions": r.choice(
            ["Leave with neighbour", "Call " + p["phone"] + " on arrival", "Code 4711 for gate"]
        ),
        "activity": acts,
        "reference": d.order(),
        "signedBy": d.family(p, True).upper() if r.random() < 0.4 else None,
    }
    if obj["signedBy"]:
        d.P("PERSON", obj["signedBy"])
    d.body = dumps(r, obj)


def s_credit_bureau(d: Doc) -> None:
    r = d.r
    p = d.person("US")
    d.path = f"/risk/bureau/reports/{d.uuid()}"
    prev = V.address(r, "US")
    ssn = d.nid(p)
    obj = {
        "reportId": d.uuid(),
        "bureau": r.choice(["EXP", "EFX", "TU"]),
        "pulledAt": d.ts("iso_z"),
        "permissiblePurpose": "account_review",
        "consumer": {
            "names": [
                {
                    "type": "primary",
                    "first": p["given_latn"].upper(),
                    "middle": p["middle"].upper() or None,
                    "last": d.P("PERSON", p["family_latn"].upper()),
                },
                {"type": "aka", "full": d.name(p, r.choice(["upper", "last_first", "initial"]))},
            ],
            "ssn": ssn,
            "ssnVariations": [d.P("US_SSN", V.us_ssn(r))] if r.random() < 0.2 else [],
            "dateOfBirth": d.dob(p, "en_US"),
            "yearOfBirth": p["dob"].year,
            "addresses": [
                {
                    "current": True,
                    "line": d.street(p),
                    "city": p["address"]["city"],
                    "state": p["address"]["region"],
                    "zip": p["address"]["postcode"],
                    "reportedDate": d.ts("iso_z")[:10],
                },
                {
                    "current": False,
                    "line": d.P("STREET_ADDRESS", prev["line1"]),
                    "city": prev["city"],
                    "state": prev["region"],
                    "zip": prev["postcode"],
                },
            ],
            "phones": [{"number": d.phone(p), "type": "mobile"}],
            "employer": d.company(),
        },
        "score": {"model": "FICO 8", "value": r.randint(480, 840), "factors": ["10", "14", "32"]},
        "tradelines": [
            {
                "creditor": r.choice(["CAPITAL ONE", "CHASE CARD", "SYNCB/AMAZON", "DISCOVER"]),
                "accountNumberMasked": "XXXX" + V.digits(r, 4),
                "balance": d.amount("USD"),
                "status": r.choice(["current", "30 days late"]),
            }
            for _ in range(r.randint(1, 3))
        ],
        "alerts": [
            {
                "code": r.choice(["FRAUD_VICTIM_7YR", "ACTIVE_DUTY", "SSN_ISSUED_BEFORE_DOB"]),
                "text": f"Consumer requests call at {d.phone(p, True)} before extending credit",
            }
        ],
    }
    d.body = dumps(r, obj)


def s_alloy_eval(d: Doc) -> None:
    r = d.r
    p = d.person(r.choice(["US", "US", "US", "CA", "GB"]))
    tok = "S-" + d.rid("", 20)
    d.path = f"/v1/evaluations/{tok}"
    sup = {
        "name_first": p["given_latn"],
        "name_last": d.family(p, True),
        "birth_date": d.dob(p, style="iso"),
        "document_ssn": d.nid(p),
        "email_address": d.email(p),
        "phone_number": d.phone(p),
        "address_line_1": d.street(p),
        "address_city": p["address"]["city"],
        "address_state": p["address"]["region"],
        "address_postal_code": p["address"]["postcode"],
        "address_country_code": p["cc"],
        "document_license": d.dl(p),
        "document_license_state": r.choice(["CA", "NY", "TX", "FL", "IL"]),
        "ip_address_v4": d.ip(p) if "." in p["ip"] else None,
    }
    obj = {
        "status_code": 201,
        "error": None,
        "timestamp": int(d.ts_ms()),
        "evaluation_token": tok,
        "entity_token": "P-" + d.rid("", 20),
        "application_token": None,
        "summary": {
            "result": "success",
            "score": round(r.uniform(0, 1), 2),
            "tags": r.sample(
                ["Manual Review", "SSN Mismatch", "Address Verified", "Phone Verified", "Sanctions Clear"], 2
            ),
            "outcome": r.choice(["Approved", "Manual Review", "Denied"]),
            "services": {"Socure": "executed", "Sentilink": "executed"},
        },
        "supplied": sup,
        "formatted": {"name": d.name(p, "upper"), "ssn_last4": p["national_id"][1][-4:]},
        "raw_responses": {
            "Sentilink": [
                {"scores": {"sentilink_abuse_score": r.randint(0, 999)}, "application_id": d.uuid()}
            ]
        },
    }
    d.body = dumps(r, obj)


def s_card_issuing(d: Doc) -> None:
    r = d.r
    p = d.person()
    tok = d.uuid()
    d.path = f"/v1/cards/{tok}?include=pan,transactions"
    num, brand = p["card"], p["card_brand"]
    txs = []
    for _ in range(r.randint(2, 5)):
        txs.append(
            {
                "token": d.uuid(),
                "created": d.ts("iso_z"),
                "status": r.choice(["SETTLED", "DECLINED", "PENDING"]),
                "amount": r.randint(100, 90000),
                "merchant": {
                    "descriptor": d.D(
                        "merchant",
                        r.choice(
                            [
                                "AMZN Mktp DE*2K4L0",
                                "UBER *TRIP HELP.UBER.COM",
                                "SPOTIFY P1E2D3",
                                "STEAMGAMES.COM 4259522985",
                                "TESCO STORES 2231",
                                "NETFLIX.COM",
                                "APPLE.COM/BILL",
                            ]
                        ),
                    ),
                    "mcc": str(r.choice([5411, 5812, 4121, 5999, 5815, 7995])),
                    "city": "",
                    "country": d.cc(r.choice(["USA", "DEU", "GBR", "IRL", "LUX", "NLD"])),
                },
                "result": r.choice(["APPROVED", "INSUFFICIENT_FUNDS", "SUSPECTED_FRAUD"]),
            }
        )
    obj = {
        "token": tok,
        "type": r.choice(["VIRTUAL", "PHYSICAL"]),
        "state": r.choice(["OPEN", "PAUSED", "CLOSED"]),
        "brand": brand,
        "last_four": num[-4:],
        "pan": d.card(p, r.choice(["compact", "compact", "space"])),
        "exp_month": f"{r.randint(1, 12):02d}",
        "exp_year": str(r.randint(2026, 2031)),
        "cardholder": {
            "name": d.name(p, r.choice(["upper", "natural"])),
            "email": d.email(p),
            "phone": d.phone(p),
            "dob": d.dob(p, style="iso"),
            "billing_address": {
                "line1": d.street(p),
                "city": p["address"]["city"],
                "postal_code": p["address"]["postcode"],
                "country": p["cc"],
            },
        },
        "spend_limit": r.randint(100, 5000) * 100,
        "product_id": d.product(),
        "created": d.ts("iso_z"),
        "transactions": txs,
    }
    if r.random() < 0.3:
        q = d.person(p["cc"])
        num2, _ = V.card_number(r)
        obj["replaced_card"] = {"pan": d.P("CREDIT_CARD", V.fmt_card(r, num2, "compact")), "reason": "lost"}
        d.people.remove(q)
    d.body = dumps(r, obj)


# =============================================================================================

SHAPES = {name[2:]: fn for name, fn in sorted(globals().items()) if name.startswith("s_") and callable(fn)}
TARGET = 500


def generate(seed: int = SEED) -> list[dict]:
    master = Random(seed)
    names = sorted(SHAPES)
    per = TARGET // len(names)
    plan = [n for n in names for _ in range(per)]
    plan += master.sample(names, TARGET - len(plan))
    master.shuffle(plan)
    docs = []
    for name in plan:
        r = Random(master.getrandbits(64))
        d = Doc(r, name)
        SHAPES[name](d)
        docs.append(d.finish())
    return docs


if __name__ == "__main__":
    import collections
    import sys

    docs = generate(SEED)
    print(
        len(docs),
        "responses,",
        len({d["shape"] for d in docs}),
        "shapes,",
        sum(len(d["personal"]) for d in docs),
        "personal,",
        sum(len(d["decoys"]) for d in docs),
        "decoys",
    )
    print(collections.Counter(x["type"] for d in docs for x in d["personal"]).most_common())
    print(collections.Counter(x["class"] for d in docs for x in d["decoys"]).most_common())
    print(sorted(collections.Counter(lg for d in docs for lg in d["langs"]).items()))
    if len(sys.argv) > 1:
        for d in docs:
            if d["shape"] == sys.argv[1]:
                print(d["path"], d["content_type"])
                print(d["body"][:3000])
                print(d["personal"])
                print(d["decoys"])
                break
