"""The rights of the people whose data the desk holds (RODO): access, erasure, retention.

- `values`: a person's names, e-mails and phones and every form they are found in;
- `contacts`: which contact a request names (an e-mail, a phone in any form, a contact id);
- `access`: everything held about a person (art. 15), as JSON and a PDF;
- `erasure`: anonymising a contact everywhere the desk stores them (`stores` lists the steps);
- `verification`: the proof: where any value still occurs (`verify_erased`);
- `retention`: the contacts whose tickets were all closed long ago, anonymised by a supervisor.
"""
