"""proxy/national_ids.py: check digits of national identity numbers, true and false cases."""

from __future__ import annotations

import pytest

from proxy import national_ids

VALID = [
    (national_ids.cn_resident_id_ok, "11010519491231002X"),
    (national_ids.cn_resident_id_ok, "11010519491231002x"),
    (national_ids.kr_resident_number_ok, "800101-1234560"),
    (national_ids.kr_resident_number_ok, "8001011234560"),
    (national_ids.za_identity_ok, "8001015009087"),
    (national_ids.tr_identity_ok, "10000000146"),
    (national_ids.fr_nir_ok, "255081416802538"),
    (national_ids.fr_nir_ok, "2 55 08 14 168 025 38"),
    (national_ids.br_cpf_ok, "529.982.247-25"),
    (national_ids.br_cpf_ok, "30283248220"),
    (national_ids.cl_rut_ok, "12.345.678-5"),
    (national_ids.cl_rut_ok, "7.676.962-1"),
    (national_ids.cl_rut_ok, "10.000.013-k"),
    (national_ids.be_national_number_ok, "85.07.30-033.28"),  # 97 - 850730033 mod 97 = 28
    (national_ids.be_national_number_ok, "04.09.28-325.78"),  # born since 2000: a 2 before the nine
    (national_ids.id_nik_ok, "3273024908757032"),  # a woman's: day 09 written 49
    (national_ids.id_nik_ok, "3273026010849574"),  # day 20 written 60
    (national_ids.ae_emirates_id_ok, "784-1986-5883701-2"),
    (national_ids.ar_cuit_ok, "20-10767564-8"),
    (national_ids.ar_cuit_ok, "27-20153639-7"),
    (national_ids.jp_my_number_ok, "645991963252"),
    (national_ids.jp_my_number_ok, "8810 8396 5858"),
]

INVALID = [
    (national_ids.cn_resident_id_ok, "110105194912310021"),  # wrong check character
    (national_ids.cn_resident_id_ok, "11010519491231002"),  # one short
    (national_ids.kr_resident_number_ok, "800101-1234561"),
    (national_ids.za_identity_ok, "8001015009088"),
    (national_ids.za_identity_ok, "800101500908"),
    (national_ids.tr_identity_ok, "10000000147"),
    (national_ids.tr_identity_ok, "00000000146"),  # never starts with 0
    (national_ids.fr_nir_ok, "255081416802539"),
    (national_ids.fr_nir_ok, "2550814168025"),
    (national_ids.br_cpf_ok, "529.982.247-26"),  # second check digit wrong
    (national_ids.br_cpf_ok, "529.982.248-25"),  # first check digit wrong
    (national_ids.br_cpf_ok, "111.111.111-11"),  # passes the arithmetic, never issued
    (national_ids.cl_rut_ok, "12.345.678-6"),
    (national_ids.cl_rut_ok, "12.345.678-K"),
    (national_ids.cl_rut_ok, "123.456-5"),  # too short
    (national_ids.be_national_number_ok, "85.07.30-033.29"),
    (national_ids.be_national_number_ok, "85.07.30-033.2"),
    (national_ids.id_nik_ok, "3273023208757032"),  # day 32
    (national_ids.id_nik_ok, "3273021313757032"),  # month 13
    (national_ids.id_nik_ok, "3273021308750000"),  # serial 0000
    (national_ids.id_nik_ok, "0273021308751234"),  # no region starts with 0
    (national_ids.ae_emirates_id_ok, "784-1986-5883701-3"),
    (national_ids.ae_emirates_id_ok, "785-1986-5883701-2"),  # not the UAE's country code
    (national_ids.ar_cuit_ok, "20-10767564-9"),
    (national_ids.ar_cuit_ok, "21-10767564-8"),  # no such type
    (national_ids.jp_my_number_ok, "645991963253"),
    (national_ids.jp_my_number_ok, "64599196325"),
]


@pytest.mark.parametrize(("check", "text"), VALID)
def test_valid(check: object, text: str) -> None:
    assert check(text)  # type: ignore[operator]


@pytest.mark.parametrize(("check", "text"), INVALID)
def test_invalid(check: object, text: str) -> None:
    assert not check(text)  # type: ignore[operator]


def test_corsican_nir_reads_2a_and_2b_as_19_and_18() -> None:
    body = "1850" + "12A" + "123456"  # 13 characters, Corsica's department 2A
    key = 97 - int(body.replace("2A", "19")) % 97
    assert national_ids.fr_nir_ok(f"{body}{key:02d}")
    assert not national_ids.fr_nir_ok(f"{body}{(key + 1) % 97:02d}")
