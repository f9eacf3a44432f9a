#!/usr/bin/env bash
# Regenerates the test certificates (checked in, so tests need no openssl at run time):
#   ca.pem / ca.key         a test certificate authority, valid until 2126
#   server.pem / server.key  a certificate for 127.0.0.1, ::1 and localhost signed by ca.pem
#   other-ca.pem            an unrelated CA (the wrong file to trust)
#   expired-ca.pem          a CA whose validity ended in 2021
# These keys protect nothing: they exist only for loopback tests.
set -euo pipefail
cd "$(dirname "$0")"
days=36500
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days $days \
    -subj "/CN=Stowaway test CA" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr \
    -subj "/CN=127.0.0.1" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem \
    -days $days -extfile server.ext 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout other-ca.key -out other-ca.pem -days $days \
    -subj "/CN=Another test CA" 2>/dev/null
# An expired CA needs explicit dates, which only `openssl ca` takes.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
touch "$work/index.txt"
printf '[ca]\ndefault_ca=c\n[c]\ndatabase=%s/index.txt\nnew_certs_dir=%s\nserial=%s/serial\ndefault_md=sha256\npolicy=p\nunique_subject=no\n[p]\ncommonName=supplied\n' \
    "$work" "$work" "$work" > "$work/ca.cnf"
echo 01 > "$work/serial"
openssl req -newkey rsa:2048 -nodes -keyout "$work/old.key" -out "$work/old.csr" \
    -subj "/CN=Expired test CA" 2>/dev/null
openssl ca -batch -config "$work/ca.cnf" -selfsign -keyfile "$work/old.key" -in "$work/old.csr" \
    -startdate 20200101000000Z -enddate 20210101000000Z -out "$work/old.pem" 2>/dev/null
openssl x509 -in "$work/old.pem" -out expired-ca.pem
rm -f server.csr server.ext ca.srl ca.key other-ca.key
